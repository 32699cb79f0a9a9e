package io.envtainer.oci;

import io.envtainer.Version;
import io.envtainer.oci.image.ArchiveBases;
import io.envtainer.oci.image.AssembledImage;
import io.envtainer.oci.image.ImageAssembler;
import io.envtainer.oci.image.ImageSettings;
import io.envtainer.oci.image.ImageWriters;
import io.envtainer.oci.image.Json;
import io.envtainer.oci.image.Platform;
import io.envtainer.oci.image.RegistryAccess;
import io.envtainer.oci.image.RegistryBase;
import io.envtainer.oci.image.RegistryPusher;
import io.envtainer.oci.image.SourceImage;
import io.envtainer.oci.layer.Entry;
import io.envtainer.oci.layer.LayerBlob;
import io.envtainer.oci.layer.LayerBuilder;
import io.envtainer.oci.layer.LayerCache;
import io.envtainer.oci.layer.LayerContent;
import io.envtainer.oci.layer.LayerSplit;
import io.envtainer.oci.layer.TreeScan;
import io.envtainer.plan.BaseImage;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.EnvEntry;
import io.envtainer.plan.HostFile;
import io.envtainer.plan.PythonPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCI backend: a plan and a prepared environment → image layers and an image, without a daemon and without
 * root. Layers: [base...] env-tree, env packages..., files, envtainer-metadata.
 */
public final class OciBuild {
  private OciBuild() {}

  /**
   * @param envDir the prepared environment (venv or conda prefix, or a root for prefix "/"); null: the active one
   * @param time seconds since the epoch for the image's created time and generated files (SOURCE_DATE_EPOCH)
   */
  public record Options(Path envDir, ImageTarget target, Path cacheDir, int compressionLevel, int jobs,
      boolean insecure, Map<String, String> env, long time) {}

  public static BuildReport run(BuildPlan plan, Options o, BuildProgress progress)
      throws BuildInputException, IOException {
    long start = System.nanoTime();
    // Jackson takes a cold JVM a tenth of a second to set up; it is needed at the end, so set it up meanwhile.
    Thread warm = new Thread(Json::warmUp, "envtainer-json");
    warm.setDaemon(true);
    warm.start();
    Path envDir = environmentDir(plan, o);
    LayerCache cache = LayerCache.at(o.cacheDir());
    RegistryAccess access = new RegistryAccess(o.insecure(), o.env(), progress::step);

    BaseImage base = plan.finalStage().base();
    progress.step("base " + base.uri());
    SourceImage source = switch (base.kind()) {
      case SCRATCH -> SourceImage.scratch();
      case DOCKER_ARCHIVE -> ArchiveBases.dockerArchive(Path.of(base.reference()), cache);
      case OCI_ARCHIVE -> ArchiveBases.ociArchive(Path.of(base.reference()));
      case REGISTRY -> RegistryBase.read(base.reference(), base.digest(), cache, access);
      case LOCAL_IMAGE -> throw new BuildInputException("base " + base.uri() + " is an Apptainer image; the OCI "
          + "backend builds on docker-archive:, oci-archive:, docker:// or scratch (envtainer def takes localimage:)");
    };

    warnIfForeign(source, progress);
    progress.step("environment " + envDir + " -> " + plan.python().prefix());
    EnvironmentLayers.Result env = EnvironmentLayers.of(envDir, plan.python().prefix(), o.time(),
        LayerSplit.DEFAULT_BIG_BYTES, LayerSplit.DEFAULT_BUCKETS);
    if (env.relocatedFrom() != null) {
      progress.step("the venv was made at " + env.relocatedFrom() + ": its scripts' #! lines and activate scripts "
          + "now say " + plan.python().prefix());
    }
    progress.debug("environment scanned and split");
    List<LayerContent> layers = new ArrayList<>(env.layers());
    List<String> skipped = new ArrayList<>(env.skipped());
    LayerContent files = filesLayer(plan, o.time(), skipped);
    if (!files.entries().isEmpty()) layers.add(files);
    layers.add(ImageMetadata.layer(plan, o.time()));
    for (EnvEntry e : plan.environment()) {
      if (!literalForApptainer(e)) {
        progress.step(e.name() + " is set by the image's environment script only: its value has shell characters, "
            + "which Apptainer would expand if the image config held it");
      }
    }
    for (String s : skipped) progress.warning(s + " is a socket; an image cannot hold one, left out");

    progress.layers(layers.size(), layers.stream().mapToLong(LayerContent::contentBytes).sum());
    progress.step(layers.size() + " layers, " + o.jobs() + " at a time, "
        + (o.compressionLevel() == 0 ? "uncompressed" : "gzip level " + o.compressionLevel()));
    List<LayerBlob> blobs = new LayerBuilder(cache, o.compressionLevel(), o.jobs(), progress).build(layers);
    progress.end();
    progress.debug("layers done");

    String refName = plan.name() + ":latest";
    AssembledImage image = ImageAssembler.assemble(refName, source, blobs, settings(plan, source, o.time()));
    progress.debug("image assembled");
    ImageTarget t = o.target();
    List<String> uploaded = List.of();
    progress.step("writing " + t);
    switch (t.kind()) {
      case OCI_ARCHIVE -> ImageWriters.ociArchive(image, t.path());
      case DOCKER_ARCHIVE -> ImageWriters.dockerArchive(image, t.path());
      case OCI_LAYOUT -> ImageWriters.ociLayout(image, t.path());
      case REGISTRY -> {
        uploaded = RegistryPusher.push(image, source.registryRepository(), t.reference(), access, progress).uploaded();
        progress.end();
      }
    }
    progress.debug("written");
    return new BuildReport(t.toString(), image.manifestDigest(), image.config().digest(), source.reference(),
        source.manifestDigest(), source.layers().size(), blobs, uploaded, skipped, (System.nanoTime() - start) / 1e9);
  }

  /** The environment was made on this host: a base of another architecture would not run it. */
  private static void warnIfForeign(SourceImage source, BuildProgress progress) {
    String arch = source.config() == null ? "" : source.config().path("architecture").asText();
    Platform host = Platform.host();
    if (!arch.isEmpty() && !arch.equals(host.architecture())) {
      progress.warning("the base image is for " + arch + " and this host is " + host.architecture()
          + ": the environment's binaries were made here and will not run on that base");
    }
  }

  /** The environment to pack: --env-dir, else the active one ($CONDA_PREFIX, $VIRTUAL_ENV) of the plan's flavour. */
  static Path environmentDir(BuildPlan plan, Options o) throws BuildInputException {
    Path dir = o.envDir();
    String why = "--env-dir";
    if (dir == null) {
      String var = plan.python().flavor() == PythonPlan.Flavor.CONDA ? "CONDA_PREFIX" : "VIRTUAL_ENV";
      String value = o.env().get(var);
      if (value == null || value.isBlank()) {
        throw new BuildInputException("the OCI backend packs a prepared environment and none was given: pass "
            + "--env-dir DIR (a " + (var.equals("CONDA_PREFIX") ? "conda environment" : "venv") + " made for "
            + plan.python().prefix() + "), or build from the shell where it is active ($" + var + ")");
      }
      dir = Path.of(value);
      why = "$" + var;
    }
    if (!Files.isDirectory(dir)) {
      throw new BuildInputException(why + " " + dir + ": expected an environment directory, found "
          + (Files.exists(dir) ? "a file" : "nothing"));
    }
    return dir;
  }

  private static LayerContent filesLayer(BuildPlan plan, long time, List<String> skipped) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (HostFile f : plan.finalStage().hostFiles()) {
      TreeScan.Result r = TreeScan.scan(f.source(), f.target());
      for (Entry e : r.entries()) entries.putIfAbsent(e.path(), e);
      skipped.addAll(r.skipped());
    }
    return new LayerContent("files", ImageMetadata.withParents(new ArrayList<>(entries.values()), time));
  }

  /**
   * Apptainer turns an OCI config's Env into shell text without escaping it (a value with $(...) runs as a command
   * when the container starts). Values with shell characters therefore stay out of the config; the environment
   * script sets them, and the runscript sources that script outside Apptainer.
   */
  static boolean literalForApptainer(EnvEntry e) {
    return e.value().chars().noneMatch(c -> c == '$' || c == '`' || c == '"' || c == '\\' || c == '\n');
  }

  private static ImageSettings settings(BuildPlan plan, SourceImage source, long time) {
    Map<String, String> labels = new LinkedHashMap<>(plan.labels());
    if (!source.reference().equals("scratch")) {
      labels.put("org.opencontainers.image.base.name", source.reference());
      if (source.manifestDigest() != null) labels.put("org.opencontainers.image.base.digest", source.manifestDigest());
    }
    List<EnvEntry> env = plan.environment().stream().filter(OciBuild::literalForApptainer).toList();
    return new ImageSettings(env, List.of(ImageMetadata.RUNSCRIPT), labels,
        "envtainer " + Version.get(), Instant.ofEpochSecond(time).toString());
  }
}
