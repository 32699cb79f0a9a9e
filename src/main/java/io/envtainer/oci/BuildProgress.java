package io.envtainer.oci;

import io.envtainer.oci.layer.LayerBlob;
import io.envtainer.oci.layer.LayerListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: a redrawn bar (layers, bytes) on a terminal; one line per step and layer otherwise (CI logs);
 * nothing with {@code --quiet}.
 */
public final class BuildProgress implements LayerListener {
  public enum Mode { BAR, LINES, QUIET }

  private final PrintWriter err;
  private final Mode mode;
  private final AtomicLong done = new AtomicLong();
  private final AtomicInteger layersDone = new AtomicInteger();
  private volatile long totalBytes;
  private volatile int totalLayers;
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

  void layers(int count, long bytes) {
    totalLayers = count;
    totalBytes = bytes;
    done.set(0);
    layersDone.set(0);
  }

  @Override
  public void bytes(long n) {
    done.addAndGet(n);
    if (mode == Mode.BAR) draw(false);
  }

  @Override
  public void finished(LayerBlob b) {
    int n = layersDone.incrementAndGet();
    if (mode == Mode.LINES) {
      synchronized (this) {
        err.printf("  layer %d/%d %-7s %s: %s -> %s, %d files%n", n, totalLayers,
            b.status() == LayerBlob.Status.BUILT ? "built" : "cached", b.name(), size(b.uncompressedSize()),
            size(b.size()), b.files());
        err.flush();
      }
    } else if (mode == Mode.BAR) {
      draw(n == totalLayers);
    }
  }

  private synchronized void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < 100_000_000L) return;
    lastDraw = now;
    long total = Math.max(1, totalBytes);
    int width = 30;
    int filled = (int) Math.min(width, done.get() * width / total);
    err.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + layersDone.get() + "/" + totalLayers
        + " layers  " + size(Math.min(done.get(), totalBytes)) + " / " + size(totalBytes) + "   ");
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
