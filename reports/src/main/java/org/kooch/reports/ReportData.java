package org.kooch.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.queries.Announcements;
import org.kooch.queries.Attention;
import org.kooch.queries.ChannelChanges;
import org.kooch.queries.Filters;
import org.kooch.queries.MigrationFlows;
import org.kooch.queries.PlatformSeries;
import org.kooch.schemas.PlatformRegistry;

/**
 * Everything one report shows, read with the dashboard's query classes: platform audiences over
 * the chart window, flows per pair (daily over the window, totals over the period), the channels
 * that changed most, the announcements of the period, and attention (views per platform over the
 * chart window, the period's platform days and the pairs' loss and gain).
 */
public record ReportData(
    ReportPeriod period,
    LocalDate end,
    PlatformSeries.Result platforms,
    List<PlatformSeries.Row> platformRows,
    MigrationFlows.Result flowWindow,
    MigrationFlows.Result flowTotals,
    List<MigrationFlows.Row> flowRows,
    List<ChannelChanges.Change> changes,
    ChannelChanges.GainersAndLosers topChanges,
    List<Announcements.Post> announcements,
    Attention.Result attention,
    List<Attention.PlatformDay> attentionRows) {

  public static final int TOP = 10;

  public static ReportData read(ClickHouseGateway clickhouse, PlatformRegistry registry, ReportPeriod period, LocalDate end) {
    PlatformSeries platforms = new PlatformSeries(clickhouse, registry);
    MigrationFlows flows = new MigrationFlows(clickhouse, registry);
    Filters window = new Filters(period.chartWindow(end), Set.of());
    Filters covered = new Filters(period.covered(end), Set.of());
    List<PlatformSeries.Row> windowRows = platforms.rows(window);
    List<MigrationFlows.Row> flowRows = flows.rows(covered);
    ChannelChanges changes = new ChannelChanges(clickhouse);
    Attention views = new Attention(clickhouse, registry);
    Filters changed = new Filters(period.withBaseline(end), Set.of());
    return new ReportData(period, end, platforms.series(windowRows),
        windowRows.stream().filter(r -> !r.day().isBefore(period.withBaseline(end).from())).toList(),
        flows.pairs(flows.rows(window)), flows.pairs(flowRows), flowRows,
        changes.query(changed, ChannelChanges.Order.CHANGE, ChannelChanges.MAX_LIMIT), changes.gainersAndLosers(changed, TOP),
        new Announcements(clickhouse).query(covered),
        views.result(views.platformDays(window), views.pairs(covered)), views.platformDays(covered));
  }

  /** The last day {@code v_platform_daily} has: the default end of a report. */
  public static LocalDate latestDay(ClickHouseGateway clickhouse) {
    var rows = clickhouse.query("SELECT toString(max(day)) AS last, count() AS days FROM " + LogicalRows.PLATFORM_DAILY.all());
    if (rows.isEmpty() || rows.get(0).get("days").asLong() == 0) {
      throw new IllegalStateException("no days in v_platform_daily yet: run the pipeline (kooch run) before a report");
    }
    return LocalDate.parse(rows.get(0).get("last").asText());
  }

  /** The channels that gained most (read on their own: {@code changes} holds at most 1,000 channels). */
  public List<ChannelChanges.Change> gainers() {
    return topChanges.gainers();
  }

  /** The channels that lost most (not the tail of {@code changes}, which may leave out the largest losses). */
  public List<ChannelChanges.Change> losers() {
    return topChanges.losers();
  }
}
