package io.envtainer.cli;

import io.envtainer.plan.SiteFacts;
import io.envtainer.site.SiteSelection;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --site PROFILE} and {@code --recipes DIR}: the site profile a plan is resolved with. */
public final class SiteOption {
  @Option(names = "--site", paramLabel = "PROFILE",
      description = "Site profile (see 'envtainer recipes list'); overrides the spec's site.")
  String name;

  @Option(names = "--recipes", paramLabel = "DIR",
      description = "Extra directory of site profiles (also $ENVTAINER_RECIPES); bundled profiles are always there.")
  Path recipes;

  @Option(names = "--no-probe", negatable = false,
      description = "Bind mode: do not add this host's MPI libraries to the bind list (output independent of the host).")
  boolean noProbe;

  SiteFacts facts(Spec spec) throws SpecException {
    return SiteSelection.facts(spec, name, recipes, !noProbe, System.getenv());
  }

  String describe() {
    return (name == null ? "" : " --site " + name) + (noProbe ? " --no-probe" : "");
  }
}
