package io.envtainer.cli;

import io.envtainer.plan.SiteFacts;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import picocli.CommandLine.Option;

/** {@code --site PROFILE}: the site profile a plan is resolved with (the spec's {@code site:} otherwise). */
public final class SiteOption {
  @Option(names = "--site", paramLabel = "PROFILE",
      description = "Site profile from recipes/ (see 'envtainer recipes list'); overrides the spec's site.")
  String name;

  /** The site facts for {@code spec}, or {@link SiteFacts#NONE} when neither option nor spec name a site. */
  SiteFacts facts(Spec spec) throws SpecException {
    String chosen = name != null ? name : spec.site();
    if (chosen == null) return SiteFacts.NONE;
    throw new UsageException("site profiles are not available in this build (asked for '" + chosen + "')");
  }

  String describe() {
    return name == null ? "" : " --site " + name;
  }
}
