package org.kooch.ingest.importer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for long imports: a bar while the total is known, record count and rate. On a
 * terminal it redraws in place a few times a second; otherwise (logs, CI) it prints a line every
 * few seconds so output stays readable.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean interactive;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastDraw;

  public ProgressBar(PrintStream out, String label, long total, boolean interactive) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.interactive = interactive;
    this.intervalNanos = interactive ? 200_000_000L : 5_000_000_000L;
    this.lastDraw = startNanos;
  }

  /** Redraws if enough time has passed since the last draw. Cheap enough to call per record. */
  public void update(long done, long records) {
    long now = System.nanoTime();
    if (now - lastDraw >= intervalNanos) {
      lastDraw = now;
      draw(done, records, now, false);
    }
  }

  public void finish(long done, long records) {
    draw(done, records, System.nanoTime(), true);
  }

  private void draw(long done, long records, long now, boolean last) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
    int filled = (int) Math.round(fraction * WIDTH);
    String line =
        String.format(
            Locale.ROOT,
            "%s [%s%s] %3.0f%% %,d records %,.0f/s %.1fs",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            fraction * 100,
            records,
            records / seconds,
            seconds);
    if (interactive) {
      out.print("\r" + line + (last ? System.lineSeparator() : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }
}
