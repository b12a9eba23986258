package org.kooch.reports;

import java.time.Instant;
import java.util.List;
import org.kooch.queries.Announcements;
import org.kooch.queries.ChannelChanges;
import org.kooch.queries.DateRange;
import org.kooch.queries.MigrationFlows;
import org.kooch.queries.PlatformSeries;

/**
 * A report as one self-contained HTML document: tables and inline SVG charts, no scripts, no
 * external files, so it reads the same in a browser and in a mail client. Persian titles and posts
 * keep their text and read right to left ({@code dir="auto"}).
 */
final class HtmlReport {
  private HtmlReport() {}

  static String render(ReportData d, Instant generatedAt) {
    DateRange covered = d.period().covered(d.end());
    StringBuilder h = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.append("<title>Kooch ").append(d.period().id()).append(" report ").append(d.end()).append("</title><style>")
        .append("body{font-family:system-ui,'Vazirmatn','Noto Sans Arabic',sans-serif;color:#1d2330;max-width:800px;margin:auto;padding:1rem}")
        .append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:start;padding:.3rem .5rem;border-bottom:1px solid #e3e7ef}")
        .append(".num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}.fa{font-size:1.1rem}.post{white-space:pre-line}")
        .append("</style></head><body>\n");
    h.append("<h1>Kooch ").append(d.period().title().toLowerCase()).append(" report: ").append(range(covered)).append("</h1>\n");
    h.append("<p class=\"fa\" lang=\"fa\" dir=\"rtl\">").append(d.period().titleFa()).append(" کوچ</p>\n");
    platforms(h, d);
    flows(h, d);
    AttentionSection.render(h, d);
    channels(h, d);
    announcements(h, d.announcements());
    h.append("<p style=\"color:#6a7488\">Generated ").append(generatedAt).append(" from the Kooch ClickHouse views;")
        .append(" changes run from ").append(d.period().withBaseline(d.end()).from()).append(" to ").append(d.end())
        .append(". The CSV files attached hold the rows behind every table.</p>\n</body></html>\n");
    return h.toString();
  }

  private static void platforms(StringBuilder h, ReportData d) {
    PlatformSeries.Result r = d.platforms();
    String baseline = d.period().withBaseline(d.end()).from().toString();
    int end = r.days().indexOf(d.end().toString());
    h.append("<h2>Platform audiences</h2>\n<table><tr><th>Platform</th><th class=\"num\">Tracked subscribers</th>")
        .append("<th class=\"num\">Change</th><th class=\"num\">Reported users (latest)</th></tr>\n");
    for (PlatformSeries.Series s : r.platforms()) {
      Long now = end < 0 ? null : s.tracked().get(end);
      Long before = null; // the first count on or after the baseline day: a platform new in the period starts there
      for (int i = 0; i <= end && before == null; i++) {
        before = r.days().get(i).compareTo(baseline) >= 0 ? s.tracked().get(i) : null;
      }
      Long reported = s.reported().stream().filter(v -> v != null).reduce((a, b) -> b).orElse(null);
      h.append("<tr><td>").append(Html.escape(s.name())).append("</td><td class=\"num\">").append(Html.number(now))
          .append("</td><td class=\"num\">").append(now == null || before == null ? "–" : Html.signed(now - before))
          .append("</td><td class=\"num\">").append(Html.number(reported)).append("</td></tr>\n");
    }
    h.append("</table>\n");
    List<SvgLineChart.Line> lines = r.platforms().stream()
        .map(s -> new SvgLineChart.Line(s.name(), PlatformColors.of(s.platform()), s.tracked())).toList();
    h.append(SvgLineChart.render("Tracked subscribers per platform", r.days(), lines, true)).append('\n');
  }

  private static void flows(StringBuilder h, ReportData d) {
    h.append("<h2>Migration flows</h2>\n<table><tr><th>From</th><th>To</th><th class=\"num\">Flow</th><th class=\"num\">Range</th></tr>\n");
    for (MigrationFlows.Pair p : d.flowTotals().pairs()) {
      h.append("<tr><td>").append(Html.escape(p.fromName())).append("</td><td>").append(Html.escape(p.toName()))
          .append("</td><td class=\"num\">").append(Html.number(p.total())).append("</td><td class=\"num\">")
          .append(Html.number(p.totalLow())).append("–").append(Html.number(p.totalHigh())).append("</td></tr>\n");
    }
    if (d.flowTotals().pairs().isEmpty()) {
      h.append("<tr><td colspan=\"4\">No flows estimated in this period.</td></tr>\n");
    }
    h.append("</table>\n");
    List<SvgLineChart.Line> lines = d.flowWindow().pairs().stream().filter(p -> p.total() > 0)
        .map(p -> new SvgLineChart.Line(p.fromName() + " → " + p.toName(), PlatformColors.of(p.to()), p.flow())).toList();
    h.append(SvgLineChart.render("Daily migration flow per platform pair", d.flowWindow().days(), lines, false)).append('\n');
  }

  private static void channels(StringBuilder h, ReportData d) {
    h.append("<h2>Channels gaining and losing</h2>\n<table><tr><th>Channel</th><th>Title</th><th class=\"num\">Subscribers</th>")
        .append("<th class=\"num\">Change</th></tr>\n");
    List<ChannelChanges.Change> shown = new java.util.ArrayList<>(d.gainers());
    shown.addAll(d.losers());
    for (ChannelChanges.Change c : shown) {
      h.append("<tr><td>").append(Html.escape(c.platform() + "/" + c.channel())).append("</td><td dir=\"auto\">")
          .append(Html.escape(c.title())).append("</td><td class=\"num\">").append(Html.number(c.lastSubscribers()))
          .append("</td><td class=\"num\">").append(Html.signed(c.change())).append("</td></tr>\n");
    }
    h.append("</table>\n");
    h.append(SvgBarChart.render("Largest changes", shown.stream()
        .map(c -> new SvgBarChart.Bar(c.platform() + "/" + c.channel(), c.change(), PlatformColors.of(c.platform()))).toList())).append('\n');
  }

  private static void announcements(StringBuilder h, List<Announcements.Post> posts) {
    h.append("<h2>Announcements</h2>\n");
    if (posts.isEmpty()) {
      h.append("<p>No posts linked to other platforms in this period.</p>\n");
      return;
    }
    h.append("<ol>\n");
    for (Announcements.Post p : posts) {
      h.append("<li><small>").append(Html.escape(p.publishedAt())).append(" UTC · ").append(Html.escape(p.platform() + "/" + p.channel()))
          .append("</small><p class=\"post\" dir=\"auto\" lang=\"fa\">").append(Html.escape(p.text())).append("</p></li>\n");
    }
    h.append("</ol>\n");
  }

  private static String range(DateRange r) {
    return r.from().equals(r.to()) ? r.to().toString() : r.from() + " to " + r.to();
  }
}
