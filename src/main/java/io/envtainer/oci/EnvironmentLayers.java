package io.envtainer.oci;

import io.envtainer.oci.layer.Entry;
import io.envtainer.oci.layer.ImagePaths;
import io.envtainer.oci.layer.LayerContent;
import io.envtainer.oci.layer.LayerSplit;
import io.envtainer.oci.layer.PackageOwners;
import io.envtainer.oci.layer.TreeScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A prepared environment directory as layers at the plan's prefix: scanned, relocated if it must be, split. */
final class EnvironmentLayers {
  private EnvironmentLayers() {}

  record Result(List<LayerContent> layers, List<String> skipped, String relocatedFrom) {}

  static Result of(Path dir, String prefix, long time, long bigBytes, int buckets)
      throws IOException, BuildInputException {
    Path real = dir.toRealPath();
    Optional<String> origin = Relocation.origin(real);
    String from = origin.filter(o -> !o.equals(prefix)).orElse(null);
    if (from != null && Relocation.isConda(real)) {
      throw new BuildInputException(dir + ": this conda environment was made at " + from + " and would go to " + prefix
          + " in the image; conda environments hold their prefix in many files, so make it at " + prefix
          + " (micromamba create -p " + prefix + " ...) or set python.prefix: " + from + " in the spec");
    }
    // The package databases are read while the tree is scanned.
    CompletableFuture<PackageOwners.Claims> claims = CompletableFuture.supplyAsync(() -> {
      try {
        return PackageOwners.read(real, prefix);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    TreeScan.Result scan = TreeScan.scan(real, prefix);
    List<Entry> entries = scan.entries();
    if (from != null) entries = Relocation.relocate(entries, from, prefix);
    Map<String, String> owners = PackageOwners.of(entries, real, prefix, join(claims));
    entries = withAncestors(entries, prefix, time);
    return new Result(LayerSplit.split("env", entries, owners, bigBytes, buckets, time), scan.skipped(), from);
  }

  private static <T> T join(CompletableFuture<T> f) throws IOException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
      throw e;
    }
  }

  /** The prefix's parents (/opt for /opt/env) as plain directories, outside system directories. */
  private static List<Entry> withAncestors(List<Entry> entries, String prefix, long time) {
    List<Entry> out = new ArrayList<>();
    String rel = ImagePaths.relative(prefix);
    for (int i = rel.indexOf('/'); i > 0; i = rel.indexOf('/', i + 1)) {
      String p = rel.substring(0, i);
      if (!SystemDirs.isSystem(p)) out.add(Entry.directory(p, 0755, time));
    }
    out.addAll(entries);
    return out;
  }
}
