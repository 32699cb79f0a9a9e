package io.envtainer.oci.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import io.envtainer.util.AtomicFiles;
import io.envtainer.util.CleanupOnExit;
import io.envtainer.util.Sha256;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs by digest, and which blob a layer's content key gave last time.
 *
 * <pre>
 *   blobs/sha256/HEX   compressed layers (and downloaded base layers), named by their digest
 *   layers/ID          "diffId digest size uncompressedSize mediaType files", then the layer's key (LayerKey)
 *   tmp/               blobs being written; moved into blobs/ only when complete
 * </pre>
 * Every write is a complete file moved into place, so concurrent builds and killed builds leave no partial blob.
 */
public final class LayerCache {
  private final Path root;
  private final Map<Path, CleanupOnExit.Registration> temps = new ConcurrentHashMap<>();

  private LayerCache(Path root) {
    this.root = root;
  }

  public static LayerCache at(Path root) throws IOException {
    Files.createDirectories(root.resolve("blobs/sha256"));
    Files.createDirectories(root.resolve("layers"));
    Files.createDirectories(root.resolve("tmp"));
    return new LayerCache(root);
  }

  public Path root() {
    return root;
  }

  /** Where the blob with this digest lives (it may not exist). */
  public Path blob(String digest) {
    return root.resolve("blobs/sha256").resolve(Sha256.hex(digest));
  }

  public boolean hasBlob(String digest, long size) {
    Path p = blob(digest);
    try {
      return Files.isRegularFile(p) && Files.size(p) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A new empty temporary file in the cache's file system, for a blob being written. It is deleted if the JVM stops
   * before {@link #storeBlob} or {@link #discard} (see {@link CleanupOnExit}).
   */
  public Path newTemp(String what) throws IOException {
    CleanupOnExit.Temp temp = CleanupOnExit.temp(root.resolve("tmp"), what.replaceAll("[^A-Za-z0-9._-]", "_") + ".",
        ".partial", false);
    temps.put(temp.path(), temp.registration());
    return temp.path();
  }

  /** Moves a complete temporary file into place as the blob DIGEST; an existing blob with that digest wins. */
  public Path storeBlob(Path temp, String digest) throws IOException {
    Path target = blob(digest);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(temp);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    forget(temp);
    return target;
  }

  /** Deletes a temporary file that will not become a blob (nothing there is fine). */
  public void discard(Path temp) throws IOException {
    Files.deleteIfExists(temp);
    forget(temp);
  }

  private void forget(Path temp) {
    CleanupOnExit.Registration r = temps.remove(temp);
    if (r != null) r.close();
  }

  /** The layer the same key gave before, if its blob is still here. */
  Optional<LayerBlob> lookup(LayerKey key, String name) {
    Path record = root.resolve("layers").resolve(key.id());
    try (InputStream in = new BufferedInputStream(Files.newInputStream(record), 1 << 16)) {
      StringBuilder head = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0 || head.length() > 1000) return Optional.empty();
        head.append((char) c);
      }
      if (!sameBytes(in, key.material())) return Optional.empty();
      String[] f = head.toString().split(" ");
      if (f.length != 6) return Optional.empty();
      long size = Long.parseLong(f[2]);
      if (!hasBlob(f[1], size)) return Optional.empty();
      return Optional.of(new LayerBlob(name, f[0], f[1], size, Long.parseLong(f[3]), f[4], Integer.parseInt(f[5]),
          blob(f[1]), LayerBlob.Status.CACHED));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no record (NoSuchFileException) or an unreadable one: a miss
    }
  }

  /** True when the rest of IN is exactly EXPECTED. */
  private static boolean sameBytes(InputStream in, byte[] expected) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int at = 0;
    for (int n; (n = in.read(buffer)) > 0; at += n) {
      if (at + n > expected.length || !Arrays.equals(buffer, 0, n, expected, at, at + n)) return false;
    }
    return at == expected.length;
  }

  /** Records which blob KEY gave: a line of facts, then the key itself. */
  void remember(LayerKey key, LayerBlob b) throws IOException {
    byte[] head = (b.diffId() + " " + b.digest() + " " + b.size() + " " + b.uncompressedSize() + " " + b.mediaType()
        + " " + b.files() + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(root.resolve("layers").resolve(key.id()), out -> {
      ByteBuffer all = ByteBuffer.allocate(head.length + key.material().length).put(head).put(key.material()).flip();
      while (all.hasRemaining()) out.write(all);
    });
  }

}
