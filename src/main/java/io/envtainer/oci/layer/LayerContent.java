package io.envtainer.oci.layer;

import java.util.List;

/**
 * What one layer holds: entries in path order, every path at most once.
 *
 * @param name stable, written into the image history ({@code env-tree}, {@code deb:libc6}, {@code packages-07})
 */
public record LayerContent(String name, List<Entry> entries) {
  public LayerContent {
    entries = List.copyOf(entries);
  }

  /** Bytes of file content: the work a layer takes to write. */
  public long contentBytes() {
    long n = 0;
    for (Entry e : entries) n += e.size();
    return n;
  }
}
