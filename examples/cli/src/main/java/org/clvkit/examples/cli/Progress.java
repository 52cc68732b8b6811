package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on standard error while a long input is read: rows read, rate, and the
 * share of the file when its size is known. Redrawn in place with a carriage return at most five
 * times a second; shown only when standard error is a terminal (or when asked with {@code
 * --progress=always}), so that logs and pipes stay clean.
 */
final class Progress implements AutoCloseable {
  /** When to show the bar. */
  enum Mode {
    AUTO,
    ALWAYS,
    NEVER
  }

  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final String label;
  private final long totalBytes;
  private final long start;
  private long lastDraw;
  private boolean drawn;

  private Progress(PrintWriter err, String label, long totalBytes) {
    this.err = err;
    this.label = label;
    this.totalBytes = totalBytes;
    this.start = System.nanoTime();
    this.lastDraw = start;
  }

  /**
   * A bar for reading {@code label}, or null when it is not to be shown.
   *
   * @param mode when to show it
   * @param err where to draw it
   * @param label what is being read
   * @param totalBytes the input's size in bytes, or -1 when unknown
   */
  static Progress start(Mode mode, PrintWriter err, String label, long totalBytes) {
    boolean show = mode == Mode.ALWAYS || (mode == Mode.AUTO && stderrIsTerminal());
    return show ? new Progress(err, label, totalBytes) : null;
  }

  /**
   * Whether standard error is a terminal. Java 17 cannot ask about one stream, so on Linux this
   * looks where file descriptor 2 points ({@code /dev/pts/…} or {@code /dev/tty…}); elsewhere it
   * falls back to whether the JVM has a console.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Redraws the bar if enough time has passed; cheap enough to call every few thousand rows. */
  void update(long rows, long bytes) {
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(rows, bytes, now);
  }

  private void draw(long rows, long bytes, long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    String rate = String.format(Locale.ROOT, "%,.0f rows/s", rows / seconds);
    String line;
    if (totalBytes > 0) {
      double share = Math.min(1.0, (double) bytes / totalBytes);
      int width = 30;
      int filled = (int) Math.round(share * width);
      line =
          String.format(
              Locale.ROOT,
              "%s [%s%s] %3.0f%%  %,d rows  %s",
              label,
              "#".repeat(filled),
              "-".repeat(width - filled),
              share * 100,
              rows,
              rate);
    } else {
      line = String.format(Locale.ROOT, "%s  %,d rows  %s", label, rows, rate);
    }
    err.print("\r" + line + "\u001b[K");
    err.flush();
    drawn = true;
  }

  /** Draws the final state and ends the line. */
  void finish(long rows, long bytes) {
    draw(rows, totalBytes > 0 ? totalBytes : bytes, System.nanoTime());
  }

  @Override
  public void close() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
