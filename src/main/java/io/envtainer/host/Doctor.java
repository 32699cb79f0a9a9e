package io.envtainer.host;

import io.envtainer.plan.BindMount;
import io.envtainer.site.SiteFactsAdapter;
import io.envtainer.site.SiteProfile;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code envtainer doctor}'s checks: the host against a site profile and the image a plan describes. Each finding
 * explains itself; any error fails the run.
 */
public final class Doctor {
  private final CommandRunner runner;

  public Doctor(CommandRunner runner) {
    this.runner = runner;
  }

  /**
   * The image side of the check, from the plan.
   *
   * @param binds the binds the image will be run with (spec, site and MPI binds)
   */
  public record ImageFacts(MpiFamily family, String version, MpiMode mode, String glibc, List<BindMount> binds) {
    public ImageFacts {
      binds = List.copyOf(binds == null ? List.of() : binds);
      if (mode == null) mode = MpiMode.NONE;
    }

    /** What the plan says about the image; {@code glibc} of its base when known, else null. */
    public static ImageFacts of(io.envtainer.plan.BuildPlan plan, String glibc) {
      return new ImageFacts(plan.mpi().family(), plan.mpi().version(), plan.mpi().mode(), glibc, plan.binds());
    }

    /** A site's own MPI as the image side, for checking a host against a profile without a spec. */
    public static ImageFacts of(SiteProfile profile, String glibc) {
      SiteProfile.SiteMpi mpi = profile.mpi();
      if (mpi == null) return new ImageFacts(null, null, MpiMode.NONE, glibc, List.of());
      return new ImageFacts(mpi.family(), mpi.version(), mpi.mode(), glibc,
          mpi.mode() == MpiMode.BIND ? SiteFactsAdapter.mpiBinds(mpi) : List.of());
    }
  }

  /** All findings of a run. */
  public record Report(List<Finding> findings) {
    public Report {
      findings = List.copyOf(findings);
    }

    public boolean failed() {
      return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    /** One finding per line, then a summary line. */
    public String render() {
      long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
      long warnings = findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
      return findings.stream().map(Finding::toString).collect(Collectors.joining("\n"))
          + "\n" + errors + " error(s), " + warnings + " warning(s)\n";
    }
  }

  /** Probes the host MPI of the shell {@code env} and checks it. */
  public Report check(SiteProfile profile, ImageFacts image, Map<String, String> env) throws IOException {
    MpiInstallation host = new MpiProbe(runner, image.mode() == MpiMode.BIND).probe(env).orElse(null);
    String glibc = null;
    List<Finding> extra = new ArrayList<>();
    if (host != null && image.mode() == MpiMode.BIND) {
      try {
        glibc = ElfVersionNeeds.maxGlibc(host.bindModeElfFiles()).orElse(null);
      } catch (IOException e) {
        extra.add(Finding.warning("glibc-unknown", "could not read the host MPI libraries: " + e.getMessage()));
      }
      for (String missing : host.closure().missing()) {
        extra.add(Finding.error("library-missing", "the host's loader cannot find " + missing + ", which " + host.libmpiName()
            + " needs; the shell's LD_LIBRARY_PATH is incomplete (load the MPI module)"));
      }
    }
    Report r = check(profile, image, host, glibc, runner::exists);
    List<Finding> all = new ArrayList<>(r.findings());
    all.addAll(extra);
    return new Report(all);
  }

  /** The checks on facts already gathered: a pure function, for tests and for the plan resolver. */
  public static Report check(SiteProfile profile, ImageFacts image, MpiInstallation host, String hostGlibcNeeded,
      Predicate<Path> exists) {
    List<Finding> out = new ArrayList<>();
    if (profile != null && profile.mpi() != null && host != null) siteVersusHost(profile, host, out);
    out.addAll(MpiCompatibility.check(new MpiCompatibility.ImageMpi(image.family(), image.version(), image.mode(),
        image.glibc()), host, hostGlibcNeeded));
    List<BindMount> binds = new ArrayList<>(image.binds());
    if (profile != null) {
      for (String b : profile.binds()) binds.add(SiteFactsAdapter.parseBind(b, "site"));
      for (String r : profile.moduleRoots()) binds.add(new BindMount(r, r, true, "modules"));
      if (profile.mpi() != null && image.mode() == MpiMode.BIND) binds.addAll(SiteFactsAdapter.mpiBinds(profile.mpi()));
    }
    int missing = 0;
    List<String> seen = new ArrayList<>();
    for (BindMount b : binds) {
      if (seen.contains(b.source())) continue;
      seen.add(b.source());
      if (!exists.test(Path.of(b.source()))) {
        missing++;
        Finding f = Finding.error("bind-source", "bind source " + b.source() + " (" + b.reason() + ") does not exist on this host;"
            + " Apptainer would refuse to start the container");
        out.add(profile != null ? f.at(locate(profile, b.source())) : f);
      }
    }
    if (!binds.isEmpty() && missing == 0) out.add(Finding.ok("bind-source", "all " + seen.size() + " bind sources exist"));
    return new Report(out);
  }

  private static void siteVersusHost(SiteProfile profile, MpiInstallation host, List<Finding> out) {
    SiteProfile.SiteMpi site = profile.mpi();
    if (site.family().abi() != host.family().abi()) {
      out.add(Finding.error("site-host", "profile '" + profile.name() + "' expects " + site.family().displayName()
          + " but this host runs " + host.family().displayName() + "; wrong profile, or the MPI module is not loaded")
          .at(profile.locationOf("mpi.family")));
    } else if (site.version() != null && host.version() != null
        && !Versions.majorMinor(site.version()).equals(Versions.majorMinor(host.version()))) {
      out.add(Finding.warning("site-host", "profile '" + profile.name() + "' expects " + site.family().displayName() + " "
          + site.version() + " but this host runs " + host.version()).at(profile.locationOf("mpi.version")));
    } else {
      out.add(Finding.ok("site-host", "this host runs the profile's " + host.family().displayName()
          + (host.version() != null ? " " + host.version() : "")));
    }
  }

  private static SourceLocation locate(SiteProfile profile, String source) {
    for (Map.Entry<String, SourceLocation> e : profile.locations().entrySet()) {
      if (e.getKey().matches(".*\\[\\d+\\]") && e.getKey().contains("binds") || e.getKey().startsWith("modules.roots")) {
        // the list item whose text starts with this source
        String field = e.getKey();
        List<String> values = valuesOf(profile, field);
        int i = Integer.parseInt(field.substring(field.lastIndexOf('[') + 1, field.length() - 1));
        if (i < values.size() && values.get(i).split(":")[0].equals(source)) return e.getValue();
      }
    }
    return profile.locationOf("name");
  }

  private static List<String> valuesOf(SiteProfile p, String field) {
    if (field.startsWith("binds[")) return p.binds();
    if (field.startsWith("modules.roots")) return p.moduleRoots();
    if (p.mpi() == null) return List.of();
    if (field.startsWith("mpi.binds.directories")) return p.mpi().bindDirectories();
    if (field.startsWith("mpi.binds.libraries")) return p.mpi().bindLibraries();
    return List.of();
  }
}
