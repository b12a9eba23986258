package org.kooch.streaming.alerts;

import static org.kooch.streaming.clickhouse.RowEncoder.dateTime;
import static org.kooch.streaming.clickhouse.RowEncoder.nullableInt64;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.kooch.streaming.clickhouse.RowEncoder;
import org.kooch.streaming.flows.PairDayEnd;
import org.kooch.streaming.links.ChannelLinkRow;

/**
 * A move that has started: one row of {@code alerts}, raised once per unordered channel pair.
 * {@code from} and {@code to} are the link's that raised it; {@code seenAt} is the record's time
 * (the announcing post, the profile observation, or the day an inferred pair's evidence began),
 * {@code raisedAt} the wall-clock time the job raised it.
 */
public class AlertRow {
  /** Far future (2100-01-01): the first raising of a pair gets the highest version and wins over a replay's. */
  private static final long VERSION_BASE = 4_102_444_800_000L;

  public static final String ANNOUNCED = "announced";
  public static final String INFERRED = "inferred";

  /** The {@code alerts} row, as the ClickHouse sink writes it (columns as in {@code 018_alerts.sql}). */
  public static final RowEncoder<AlertRow> ENCODER = RowEncoder.of(
      List.of("alert_id", "pair", "kind", "from_platform", "from_channel", "to_platform", "to_channel", "evidence",
          "confidence", "post_id", "seen_at", "raised_at", "version"),
      (a, row) -> {
        row.writeString(a.alertId);
        row.writeString(a.pair);
        row.writeString(a.kind);
        row.writeString(a.fromPlatform);
        row.writeString(a.fromChannel);
        row.writeString(a.toPlatform);
        row.writeString(a.toChannel);
        row.writeString(a.evidence);
        row.writeFloat64(a.confidence);
        nullableInt64(row, a.postId);
        dateTime(row, a.seenAt);
        dateTime(row, a.raisedAt);
        uint64(row, VERSION_BASE - a.raisedAt);
      });

  public String alertId;
  public String pair;
  public String kind;
  public String fromPlatform;
  public String fromChannel;
  public String toPlatform;
  public String toChannel;
  public String evidence;
  public double confidence;
  public Long postId;
  public long seenAt;
  public long raisedAt;

  public AlertRow() {}

  /** The alert {@code link} raises for its pair at wall-clock time {@code raisedAt} (epoch millis). */
  public static AlertRow of(ChannelLinkRow link, long raisedAt) {
    AlertRow a = new AlertRow();
    a.pair = pairOf(link);
    a.alertId = alertId(a.pair);
    a.kind = link.inferred() ? INFERRED : ANNOUNCED;
    a.fromPlatform = link.fromPlatform;
    a.fromChannel = link.fromChannel;
    a.toPlatform = link.toPlatform;
    a.toChannel = link.toChannel;
    a.evidence = link.evidence;
    a.confidence = link.confidence;
    a.postId = link.postId;
    a.seenAt = link.firstSeen;
    a.raisedAt = raisedAt;
    return a;
  }

  /** The unordered pair of the link's two channels, {@code platform/channel|platform/channel}. */
  public static String pairOf(ChannelLinkRow link) {
    return PairDayEnd.pairKey(link.fromKey(), link.toKey());
  }

  /**
   * The alert's id: a name-based UUID of the pair alone, so every raising of the pair (a replay,
   * another run on the same database) has the same id, and receivers can deduplicate by it.
   */
  public static String alertId(String pair) {
    return UUID.nameUUIDFromBytes(("kooch-alert:" + pair).getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlertRow a && alertId.equals(a.alertId) && pair.equals(a.pair) && kind.equals(a.kind)
        && fromPlatform.equals(a.fromPlatform) && fromChannel.equals(a.fromChannel) && toPlatform.equals(a.toPlatform)
        && toChannel.equals(a.toChannel) && evidence.equals(a.evidence) && Double.compare(confidence, a.confidence) == 0
        && Objects.equals(postId, a.postId) && seenAt == a.seenAt && raisedAt == a.raisedAt;
  }

  @Override
  public int hashCode() {
    return alertId.hashCode();
  }

  @Override
  public String toString() {
    return kind + " " + fromPlatform + "/" + fromChannel + ">" + toPlatform + "/" + toChannel + " (" + evidence + ", " + alertId + ")";
  }
}
