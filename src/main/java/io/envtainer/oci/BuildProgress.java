package io.envtainer.oci;

import io.envtainer.oci.image.ImageBlob;
import io.envtainer.oci.image.PushListener;
import io.envtainer.oci.layer.LayerBlob;
import io.envtainer.oci.layer.LayerListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: a redrawn bar (layers or uploads, and bytes) on a terminal; one line per step, layer and
 * uploaded blob otherwise (CI logs); with {@code --quiet}, warnings only. Two phases count: building layers, then,
 * for a registry, pushing blobs.
 */
public final class BuildProgress implements LayerListener, PushListener {
  public enum Mode { BAR, LINES, QUIET }

  private final PrintWriter err;
  private final Mode mode;
  private final AtomicLong done = new AtomicLong();
  private final AtomicInteger itemsDone = new AtomicInteger();
  private volatile long totalBytes;
  private volatile int totalItems;
  private volatile String unit = "layers";
  private long lastDraw;
  private final long start = System.nanoTime();
  private boolean timing;

  public BuildProgress(PrintWriter err, Mode mode) {
    this.err = err;
    this.mode = mode;
  }

  /** Prefixes each step with the seconds since the start (ENVTAINER_DEBUG). */
  public BuildProgress timing(boolean on) {
    timing = on;
    return this;
  }

  /** BAR on a terminal (not in CI, not TERM=dumb), else LINES; QUIET when asked. */
  public static Mode modeFor(boolean quiet, java.util.Map<String, String> env) {
    if (quiet) return Mode.QUIET;
    boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM")) && env.get("CI") == null;
    return terminal ? Mode.BAR : Mode.LINES;
  }

  public void step(String message) {
    if (mode != Mode.QUIET) print(message);
  }

  /** Shown in every mode, --quiet too. */
  public void warning(String message) {
    print("warning: " + message);
  }

  private void print(String message) {
    clearBar();
    err.println("envtainer: " + (timing ? String.format("[%.2f s] ", (System.nanoTime() - start) / 1e9) : "")
        + message);
    err.flush();
  }

  /** A step shown only with timing on (ENVTAINER_DEBUG). */
  void debug(String message) {
    if (timing) step(message);
  }

  /** The layer phase: COUNT layers holding BYTES uncompressed. */
  void layers(int count, long bytes) {
    phase("layers", count, bytes);
  }

  /** The push phase. */
  @Override
  public void start(int blobs, long bytes) {
    phase("blobs", blobs, bytes);
  }

  private void phase(String name, int count, long bytes) {
    unit = name;
    totalItems = count;
    totalBytes = bytes;
    done.set(0);
    itemsDone.set(0);
  }

  @Override
  public void bytes(long n) {
    done.addAndGet(n);
    if (mode == Mode.BAR) draw(false);
  }

  @Override
  public void finished(LayerBlob b) {
    int n = itemsDone.incrementAndGet();
    if (mode == Mode.LINES) {
      line(String.format("  layer %d/%d %-7s %s: %s -> %s, %d files", n, totalItems,
          b.status() == LayerBlob.Status.BUILT ? "built" : "cached", b.name(), size(b.uncompressedSize()),
          size(b.size()), b.files()));
    } else if (mode == Mode.BAR) {
      draw(n == totalItems);
    }
  }

  @Override
  public void pushed(ImageBlob b, boolean uploaded) {
    int n = itemsDone.incrementAndGet();
    // A blob found in the registry counts as done: the bar measures what is left to send.
    if (!uploaded) done.addAndGet(b.size());
    if (mode == Mode.LINES) {
      line(String.format("  blob %d/%d %-13s %s, %s", n, totalItems, uploaded ? "uploaded" : "already there",
          b.digest().substring(0, Math.min(b.digest().length(), 19)), size(b.size())));
    } else if (mode == Mode.BAR) {
      draw(n == totalItems);
    }
  }

  private synchronized void line(String text) {
    err.println(text);
    err.flush();
  }

  private synchronized void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < 100_000_000L) return;
    lastDraw = now;
    long total = Math.max(1, totalBytes);
    int width = 30;
    int filled = (int) Math.min(width, done.get() * width / total);
    err.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + itemsDone.get() + "/" + totalItems
        + " " + unit + "  " + size(Math.min(done.get(), totalBytes)) + " / " + size(totalBytes) + "   ");
    err.flush();
  }

  private synchronized void clearBar() {
    if (mode == Mode.BAR && lastDraw != 0) {
      err.print("\r" + " ".repeat(78) + "\r");
      lastDraw = 0;
    }
  }

  void end() {
    if (mode == Mode.BAR && lastDraw != 0) {
      err.println();
      lastDraw = 0;
    }
    err.flush();
  }

  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return String.format("%.1f KB", bytes / 1024.0);
    if (bytes < 1024L * 1024 * 1024) return String.format("%.1f MB", bytes / 1048576.0);
    return String.format("%.2f GB", bytes / 1073741824.0);
  }
}
