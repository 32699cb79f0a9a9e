package io.envtainer.site;

import io.envtainer.host.BindSet;
import io.envtainer.host.CommandRunner;
import io.envtainer.host.MpiBindings;
import io.envtainer.host.MpiInstallation;
import io.envtainer.host.MpiProbe;
import io.envtainer.host.ProcessCommandRunner;
import io.envtainer.plan.SiteFacts;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the site profile for a spec (the command line's choice, else the spec's {@code site:}) and turns it into
 * the plan's {@link SiteFacts}. In bind mode, when the profile says {@code binds.probe: true}, the host MPI is probed
 * and its ld.so closure joins the bind list.
 */
public final class SiteSelection {
  private SiteSelection() {}

  /**
   * @param chosen the {@code --site} value, or null
   * @param recipes the {@code --recipes} directory, or null
   * @param probeHost whether bind mode may probe this host's MPI (off for output that must not depend on the host)
   */
  public static SiteFacts facts(Spec spec, String chosen, Path recipes, boolean probeHost, Map<String, String> env)
      throws SpecException {
    return facts(spec, chosen, recipes, probeHost, env, new ProcessCommandRunner());
  }

  /** As above, with the host's tools run by {@code runner} (the MPI probe's {@code mpirun}, {@code ompi_info}, {@code ldd}). */
  public static SiteFacts facts(Spec spec, String chosen, Path recipes, boolean probeHost, Map<String, String> env,
      CommandRunner runner) throws SpecException {
    String name = chosen != null ? chosen : spec.site();
    if (name == null) return SiteFacts.NONE;
    SiteProfiles profiles = SiteProfiles.load(recipes, env);
    Optional<SiteProfile> found = profiles.find(name);
    if (found.isEmpty()) {
      SourceLocation where = chosen != null ? SourceLocation.synthetic("--site") : spec.locationOf("site");
      throw new SpecException(where, "expected a known site profile, found '" + name + "'",
          "known: " + String.join(", ", profiles.list().stream().map(SiteProfile::name).toList()));
    }
    SiteProfile profile = found.get();
    boolean bind = spec.mpi().mode() == MpiMode.BIND
        || (spec.mpi().enabled() && profile.mpi() != null && profile.mpi().mode() == MpiMode.BIND);
    if (probeHost && bind && profile.mpi() != null && profile.mpi().probeBinds()) {
      BindSet probed = probe(env, runner);
      return SiteFactsAdapter.of(profile, probed.binds(), probed.libraryPath());
    }
    return SiteFactsAdapter.of(profile);
  }

  private static BindSet probe(Map<String, String> env, CommandRunner runner) {
    try {
      Optional<MpiInstallation> mpi = new MpiProbe(runner).probe(env);
      return mpi.map(MpiBindings::of).orElse(BindSet.EMPTY);
    } catch (IOException e) {
      return BindSet.EMPTY;
    }
  }
}
