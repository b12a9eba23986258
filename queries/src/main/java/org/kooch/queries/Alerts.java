package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.clickhouse.Sql;

/**
 * Alerts: the moves that started, one per channel pair ({@code v_alerts}, read as {@link
 * LogicalRows#ALERTS}). The newest for {@code kooch alerts} and the dashboard's latest moves; the
 * oldest not yet delivered on a channel for the alert dispatcher.
 */
public final class Alerts {
  public static final int MAX_LIMIT = 1000;
  private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  /** Safely inside {@code DateTime}'s range, whose end (2106-02-07) the server's parsing does not reach on every version. */
  private static final Instant LAST_DATETIME = Instant.parse("2105-12-31T23:59:59Z");
  private static final String COLUMNS =
      "alert_id, kind, from_platform, from_channel, to_platform, to_channel, evidence, confidence, post_id, seen_at, raised_at";

  /**
   * One alert. {@code seenAt} is the record's time (the announcing post, the profile observation,
   * the day an inferred pair's evidence began), {@code raisedAt} when the job raised it; both UTC,
   * {@code yyyy-MM-dd HH:mm:ss}.
   */
  public record Alert(String alertId, String kind, String fromPlatform, String fromChannel, String toPlatform, String toChannel,
      String evidence, double confidence, Long postId, String seenAt, String raisedAt) {}

  private final Reader clickhouse;

  public Alerts(ClickHouseGateway clickhouse) {
    this(clickhouse::query);
  }

  public Alerts(Reader clickhouse) {
    this.clickhouse = clickhouse;
  }

  /** Alerts raised at or after {@code since} (null: all), newest first, at most {@code limit}. */
  public List<Alert> since(Instant since, int limit) {
    checkLimit(limit);
    if (since != null && since.isAfter(LAST_DATETIME)) {
      return List.of(); // DateTime is 32-bit seconds: a later literal would wrap around instead
    }
    String rows = since == null ? null : "raised_at >= " + Sql.literal(SQL_TIME.format(since));
    return read(LogicalRows.ALERTS.where(null, rows), "raised_at DESC, seen_at DESC, alert_id", limit);
  }

  /**
   * The oldest alerts with no delivery recorded on {@code channel} ({@code alert_deliveries}), at
   * most {@code limit}: what the dispatcher has still to send there.
   */
  public List<Alert> undelivered(String channel, int limit) {
    return undelivered(channel, limit, null);
  }

  /** As above, of the moves seen at or after {@code seenSince} (null: any). */
  public List<Alert> undelivered(String channel, int limit, Instant seenSince) {
    checkLimit(limit);
    String rows = "alert_id NOT IN (SELECT alert_id FROM alert_deliveries WHERE channel = " + Sql.literal(channel) + ")"
        + (seenSince == null ? "" : " AND seen_at >= " + Sql.literal(SQL_TIME.format(seenSince.isBefore(Instant.EPOCH) ? Instant.EPOCH : seenSince)));
    return read(LogicalRows.ALERTS.where(null, rows), "raised_at, seen_at, alert_id", limit);
  }

  public static Table table(List<Alert> alerts) {
    List<List<Object>> rows = new ArrayList<>();
    for (Alert a : alerts) {
      rows.add(Arrays.asList(a.raisedAt(), a.kind(), a.fromPlatform(), a.fromChannel(), a.toPlatform(), a.toChannel(), a.evidence(),
          a.confidence(), a.postId(), a.seenAt(), a.alertId()));
    }
    return new Table(List.of("raised_at", "kind", "from_platform", "from_channel", "to_platform", "to_channel", "evidence",
        "confidence", "post_id", "seen_at", "alert_id"), rows);
  }

  private List<Alert> read(String from, String order, int limit) {
    List<Alert> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query("SELECT " + COLUMNS + " FROM " + from + " ORDER BY " + order + " LIMIT " + limit)) {
      out.add(new Alert(Rows.text(r, "alert_id"), Rows.text(r, "kind"), Rows.text(r, "from_platform"), Rows.text(r, "from_channel"),
          Rows.text(r, "to_platform"), Rows.text(r, "to_channel"), Rows.text(r, "evidence"), r.get("confidence").asDouble(),
          Rows.nullableNumber(r, "post_id"), Rows.text(r, "seen_at"), Rows.text(r, "raised_at")));
    }
    return out;
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }
}
