package io.envtainer.cli;

import io.envtainer.oci.BuildInputException;
import io.envtainer.oci.BuildProgress;
import io.envtainer.oci.BuildReport;
import io.envtainer.oci.ImageTarget;
import io.envtainer.oci.OciBuild;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.PlanOptions;
import io.envtainer.plan.PlanResolver;
import io.envtainer.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envtainer build SPEC --to TARGET}: an OCI image from a prepared environment, without a daemon or root. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = {"Build an OCI image of the environment in FILE without a daemon and without root:",
        "the base image, the prepared environment (--env-dir) in layers split by package,",
        "the spec's files, and Apptainer's metadata (environment script, runscript, help,",
        "tests, bind mount points). Unchanged layers come from the cache.",
        "Then: apptainer build NAME.sif oci:DIR (or oci-archive:PATH, docker://...)."})
public final class BuildCommand implements Callable<Integer> {
  @Mixin SpecInput input;
  @Mixin SiteOption site;

  @Option(names = "--to", required = true, paramLabel = "TARGET",
      description = "oci-archive:PATH, docker-archive:PATH, oci:DIR (an OCI layout) or docker://HOST/REPO:TAG.")
  String to;

  @Option(names = "--env-dir", paramLabel = "DIR",
      description = {"The prepared environment: a venv or conda prefix, placed at the spec's python.prefix.",
          "Default: the active one of this shell ($VIRTUAL_ENV, or $CONDA_PREFIX for conda specs)."})
  Path envDir;

  @Option(names = "--insecure-registry", description = "Allow plain HTTP or unverified TLS for the registries used.")
  boolean insecure;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Layer cache (default: $ENVTAINER_OCI_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/envtainer/oci).")
  Path cache;

  @Option(names = "--compression-level", paramLabel = "N", defaultValue = "2",
      description = "gzip level of new layers, 1 (fast) to 9 (small), 0 for uncompressed (default: ${DEFAULT-VALUE}).")
  int level;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Layers written at once (default: the CPUs).")
  Integer jobs;

  @Option(names = "--report", paramLabel = "FILE", description = "Write what the build did as JSON.")
  Path report;

  @Option(names = {"-q", "--quiet"}, description = "No progress; only the result line, warnings and errors.")
  boolean quiet;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    if (level < 0 || level > 9) throw new UsageException("--compression-level: expected 0 to 9, found " + level);
    if (jobs != null && jobs < 1) throw new UsageException("--jobs: expected 1 or more, found " + jobs);
    Map<String, String> env = System.getenv();
    ImageTarget target = ImageTarget.parse(to);
    var loaded = input.load(self.commandLine().getErr());
    String command = "envtainer build " + input.file + site.describe();
    BuildPlan plan = PlanResolver.resolve(loaded.spec(), site.facts(loaded.spec()),
        new PlanOptions(PlanOptions.Stages.AUTO, command));
    BuildProgress progress = new BuildProgress(self.commandLine().getErr(), BuildProgress.modeFor(quiet, env))
        .timing(env.get("ENVTAINER_DEBUG") != null);
    OciBuild.Options options = new OciBuild.Options(envDir, target, cacheDir(env), level,
        jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), insecure, env, sourceDateEpoch(env));
    BuildReport r;
    try {
      r = OciBuild.run(plan, options, progress);
    } catch (IOException e) {
      throw new FailedException(e.getMessage(), e);
    }
    if (report != null) AtomicFiles.writeString(report, new String(r.json(), StandardCharsets.UTF_8) + "\n");
    self.commandLine().getOut().println(r.summary());
    return ExitCodes.OK;
  }

  private Path cacheDir(Map<String, String> env) {
    if (cache != null) return cache;
    String dir = env.get("ENVTAINER_OCI_CACHE");
    if (dir != null && !dir.isBlank()) return Path.of(dir);
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("envtainer/oci");
  }

  /** Reproducible-builds convention: $SOURCE_DATE_EPOCH sets the image's time; else the epoch. */
  private static long sourceDateEpoch(Map<String, String> env) throws BuildInputException {
    String s = env.get("SOURCE_DATE_EPOCH");
    if (s == null || s.isBlank()) return 0;
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new BuildInputException("$SOURCE_DATE_EPOCH: expected seconds since 1970, found '" + s + "'");
    }
  }
}
