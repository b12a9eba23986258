package org.kooch.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kooch.queries.Attention;

/**
 * The report's attention section: per platform the period's views at 24 h of age, their share of
 * all platforms' and the views as last observed; a chart of daily views at 24 h over the chart
 * window; and per pair with flows, the views at 24 h a day lost and gained against each side's
 * baseline. Figures nobody measured show as a dash, never as zero.
 */
final class AttentionSection {
  private AttentionSection() {}

  static void render(StringBuilder h, ReportData d) {
    Map<String, long[]> byPlatform = new LinkedHashMap<>(); // posts, posts at 24 h, views at 24 h, views
    long all24h = 0;
    for (Attention.PlatformDay r : d.attentionRows()) {
      long[] t = byPlatform.computeIfAbsent(r.platform(), p -> new long[4]);
      t[0] += r.posts();
      t[1] += r.posts24h();
      t[2] += r.views24h() == null ? 0 : r.views24h();
      t[3] += r.views();
      all24h += r.views24h() == null ? 0 : r.views24h();
    }
    h.append("<h2>Attention</h2>\n<p>Views of the period's posts at 24 h of age (posts measured at that age only) and as last observed.</p>\n")
        .append("<table><tr><th>Platform</th><th class=\"num\">Views at 24 h</th><th class=\"num\">Share</th>")
        .append("<th class=\"num\">Posts measured</th><th class=\"num\">Views (last observed)</th></tr>\n");
    for (Map.Entry<String, long[]> e : byPlatform.entrySet()) {
      long[] t = e.getValue();
      boolean measured = t[1] > 0;
      h.append("<tr><td>").append(Html.escape(name(d, e.getKey()))).append("</td><td class=\"num\">")
          .append(Html.number(measured ? t[2] : null)).append("</td><td class=\"num\">")
          .append(measured && all24h > 0 ? String.format(Locale.ROOT, "%.1f%%", 100.0 * t[2] / all24h) : "–")
          .append("</td><td class=\"num\">").append(Html.number(t[1])).append(" of ").append(Html.number(t[0]))
          .append("</td><td class=\"num\">").append(Html.number(t[3])).append("</td></tr>\n");
    }
    if (byPlatform.isEmpty()) {
      h.append("<tr><td colspan=\"5\">No posts in this period.</td></tr>\n");
    }
    h.append("</table>\n");
    List<SvgLineChart.Line> lines = d.attention().platforms().stream()
        .map(s -> new SvgLineChart.Line(s.name(), PlatformColors.of(s.platform()), s.views24h())).toList();
    h.append(SvgLineChart.render("Views at 24 h per platform", d.attention().days(), lines, true)).append('\n');
    pairs(h, d.attention().pairs());
  }

  private static void pairs(StringBuilder h, List<Attention.PairAttention> pairs) {
    if (pairs.isEmpty()) {
      return;
    }
    h.append("<table><tr><th>From</th><th>To</th><th>First flow</th><th class=\"num\">Lost a day</th>")
        .append("<th class=\"num\">Gained a day</th></tr>\n");
    for (Attention.PairAttention p : pairs) {
      h.append("<tr><td>").append(Html.escape(p.fromPlatform() + "/" + p.fromChannel())).append("</td><td>")
          .append(Html.escape(p.toPlatform() + "/" + p.toChannel())).append("</td><td>").append(p.firstFlowDay())
          .append("</td><td class=\"num\">").append(Html.number(p.lost())).append("</td><td class=\"num\">")
          .append(Html.number(p.gained())).append("</td></tr>\n");
    }
    h.append("</table>\n<p>Lost and gained: each side's mean daily views at 24 h from the first flow day on, against the ")
        .append(Attention.BASELINE_DAYS).append(" days before it.</p>\n");
  }

  private static String name(ReportData d, String platform) {
    return d.attention().platforms().stream().filter(s -> s.platform().equals(platform)).map(Attention.Series::name).findFirst()
        .orElse(platform);
  }
}
