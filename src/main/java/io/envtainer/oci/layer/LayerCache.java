package io.envtainer.oci.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import io.envtainer.util.Sha256;

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

  /** A new empty temporary file in the cache's file system. */
  public Path newTemp(String what) throws IOException {
    return Files.createTempFile(root.resolve("tmp"), what.replaceAll("[^A-Za-z0-9._-]", "_") + ".", ".partial");
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
    return target;
  }

  /** The layer the same key gave before, if its blob is still here. */
  Optional<LayerBlob> lookup(LayerKey key, String name) {
    Path record = root.resolve("layers").resolve(key.id());
    try {
      if (!Files.isRegularFile(record)) return Optional.empty();
      byte[] stored = Files.readAllBytes(record);
      int nl = indexOf(stored, (byte) '\n');
      if (nl < 0 || !Arrays.equals(stored, nl + 1, stored.length, key.material(), 0, key.material().length)) {
        return Optional.empty();
      }
      String[] f = new String(stored, 0, nl, StandardCharsets.UTF_8).split(" ");
      if (f.length != 6) return Optional.empty();
      long size = Long.parseLong(f[2]);
      if (!hasBlob(f[1], size)) return Optional.empty();
      return Optional.of(new LayerBlob(name, f[0], f[1], size, Long.parseLong(f[3]), f[4], Integer.parseInt(f[5]),
          blob(f[1]), LayerBlob.Status.CACHED));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Records which blob KEY gave: a line of facts, then the key itself. */
  void remember(LayerKey key, LayerBlob b) throws IOException {
    Path tmp = newTemp("layer");
    byte[] head = (b.diffId() + " " + b.digest() + " " + b.size() + " " + b.uncompressedSize() + " " + b.mediaType()
        + " " + b.files() + "\n").getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(tmp)) {
      out.write(head);
      out.write(key.material());
    }
    Files.move(tmp, root.resolve("layers").resolve(key.id()), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) if (b[i] == x) return i;
    return -1;
  }
}
