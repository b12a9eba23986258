package org.kooch.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG, drawn in Java so that a report reads in any mail client without
 * JavaScript: one line per series over a run of days, gaps where a value is missing, a linear or
 * logarithmic value axis (platform audiences span 10K to 10M), a legend on top.
 */
final class SvgLineChart {
  /** One series; {@code values} are aligned with the chart's days, null where unknown. */
  record Line(String name, String color, List<Long> values) {}

  private static final int W = 760;
  private static final int H = 320;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 40;
  private static final int BOTTOM = 36;

  private SvgLineChart() {}

  static String render(String label, List<String> days, List<Line> lines, boolean log) {
    List<Double> all = new ArrayList<>();
    lines.forEach(l -> l.values().stream().filter(v -> v != null && (!log || v > 0)).forEach(v -> all.add(v.doubleValue())));
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
        + " role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"11\">", W, H, W, H, Html.escape(label)));
    if (all.isEmpty() || days.isEmpty()) {
      return s.append("<text x=\"20\" y=\"40\">no data in this period</text></svg>").toString();
    }
    double max = all.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double min = all.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    Axis y = log ? Axis.log(min, max) : Axis.linear(Math.min(0, min), max);
    int plotH = H - TOP - BOTTOM;
    for (double t : y.ticks()) {
      double py = TOP + plotH * (1 - y.position(t));
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e7ef\"/>", LEFT, W - RIGHT, py, py));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#4a556b\">%s</text>", LEFT - 6, py + 4, Html.compact(t)));
    }
    int n = days.size();
    int labels = Math.min(n, 6);
    for (int k = 0; k < labels; k++) {
      int i = labels == 1 ? 0 : Math.round((float) k * (n - 1) / (labels - 1));
      String anchor = labels > 1 && k == 0 ? "start" : labels > 1 && k == labels - 1 ? "end" : "middle";
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#4a556b\">%s</text>", x(i, n), H - 12,
          anchor, Html.escape(days.get(i))));
    }
    int legendX = LEFT;
    for (Line l : lines) {
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < n && i < l.values().size(); i++) {
        Long v = l.values().get(i);
        if (v == null || (log && v <= 0)) {
          pen = false;
          continue;
        }
        path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", x(i, n), TOP + plotH * (1 - y.position(v))));
        pen = true;
      }
      s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", path.toString().strip(), l.color()));
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" fill=\"%s\"/>", legendX, l.color()));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" fill=\"#1d2330\">%s</text>", legendX + 16, Html.escape(l.name())));
      legendX += 28 + 7 * l.name().length();
    }
    return s.append("</svg>").toString();
  }

  private static double x(int i, int n) {
    return LEFT + (n == 1 ? 0.5 : (double) i / (n - 1)) * (W - LEFT - RIGHT);
  }

  /** A value axis: where a value sits (0 bottom, 1 top) and where its gridlines go. */
  record Axis(double lo, double hi, boolean log, List<Double> ticks) {
    static Axis linear(double min, double max) {
      double step = niceStep((max - min) / 5);
      double lo = Math.floor(min / step) * step;
      double hi = Math.max(lo + step, Math.ceil(max / step) * step);
      List<Double> t = new ArrayList<>();
      for (double v = lo; v <= hi + step / 2; v += step) {
        t.add(v);
      }
      return new Axis(lo, hi, false, t);
    }

    static Axis log(double min, double max) {
      double lo = Math.floor(Math.log10(min));
      double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
      List<Double> t = new ArrayList<>();
      for (double e = lo; e <= hi; e++) {
        t.add(Math.pow(10, e));
      }
      return new Axis(lo, hi, true, t);
    }

    double position(double v) {
      return log ? (Math.log10(v) - lo) / (hi - lo) : (v - lo) / (hi - lo);
    }

    private static double niceStep(double raw) {
      if (raw <= 0) {
        return 1;
      }
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }
  }
}
