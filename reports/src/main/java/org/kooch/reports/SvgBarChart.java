package org.kooch.reports;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars for signed values (channels' gains and losses) as inline SVG: labels on the
 * left, bars grow right from zero for gains and left for losses, each with its value.
 */
final class SvgBarChart {
  /** One bar. */
  record Bar(String label, long value, String color) {}

  private static final int W = 760;
  private static final int ROW = 22;
  private static final int LABELS = 200;
  private static final int VALUES = 70;

  private SvgBarChart() {}

  static String render(String label, List<Bar> bars) {
    int h = Math.max(1, bars.size()) * ROW + 10;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\""
            + " font-family=\"sans-serif\" font-size=\"11\">", W, h, W, h, Html.escape(label)));
    if (bars.isEmpty()) {
      return s.append("<text x=\"20\" y=\"16\">no change in this period</text></svg>").toString();
    }
    long min = Math.min(0, bars.stream().mapToLong(Bar::value).min().orElse(0));
    long max = Math.max(0, bars.stream().mapToLong(Bar::value).max().orElse(0));
    double span = Math.max(1, max - min);
    double plot = W - LABELS - 2.0 * VALUES;
    double zero = LABELS + VALUES + plot * (-min / span);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = 5 + i * ROW;
      double len = plot * Math.abs(b.value()) / span;
      double x = b.value() >= 0 ? zero : zero - len;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1d2330\">%s</text>",
          LABELS - 8, y + 15, Html.escape(b.label())));
      s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", x, y + 3, Math.max(1, len), ROW - 6, b.color()));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#4a556b\">%s</text>",
          b.value() >= 0 ? x + len + 4 : x - 4, y + 15, b.value() >= 0 ? "start" : "end", Html.signed(b.value())));
    }
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" stroke=\"#4a556b\"/>", zero, zero, h));
    return s.append("</svg>").toString();
  }
}
