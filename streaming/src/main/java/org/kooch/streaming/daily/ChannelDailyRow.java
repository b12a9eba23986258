package org.kooch.streaming.daily;

import static org.kooch.streaming.clickhouse.RowEncoder.date;
import static org.kooch.streaming.clickhouse.RowEncoder.nullableInt64;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;

import java.time.LocalDate;
import java.util.Objects;
import java.util.List;
import org.kooch.streaming.clickhouse.RowEncoder;

/** One row of {@code channel_daily}. Nullable subscriber fields: no count was observed that day. */
public class ChannelDailyRow {
  /** The {@code channel_daily} row, as the ClickHouse sink writes it: columns as in {@code clickhouse/*.sql}, values in RowBinary. */
  public static final RowEncoder<ChannelDailyRow> ENCODER = RowEncoder.of(
      List.of("platform", "channel", "day", "subscribers", "subscribers_min", "subscribers_max", "observations", "posts",
          "views", "version"),
      (d, row) -> {
        row.writeString(d.platform);
        row.writeString(d.channel);
        date(row, d.epochDay);
        nullableInt64(row, d.subscribers);
        nullableInt64(row, d.subscribersMin);
        nullableInt64(row, d.subscribersMax);
        row.writeUInt32(d.observations);
        row.writeUInt32(d.posts);
        row.writeInt64(d.views);
        uint64(row, d.version);
      });

  public String platform;
  public String channel;
  public long epochDay;
  public Long subscribers;
  public Long subscribersMin;
  public Long subscribersMax;
  public int observations;
  public int posts;
  public long views;
  public long version;

  public ChannelDailyRow() {}

  public LocalDate day() {
    return LocalDate.ofEpochDay(epochDay);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChannelDailyRow r)) {
      return false;
    }
    return epochDay == r.epochDay && observations == r.observations && posts == r.posts && views == r.views
        && version == r.version && Objects.equals(platform, r.platform) && Objects.equals(channel, r.channel)
        && Objects.equals(subscribers, r.subscribers) && Objects.equals(subscribersMin, r.subscribersMin)
        && Objects.equals(subscribersMax, r.subscribersMax);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, channel, epochDay, subscribers, version);
  }

  @Override
  public String toString() {
    return platform + "/" + channel + " " + day() + " subs=" + subscribers + " [" + subscribersMin + ".."
        + subscribersMax + "] obs=" + observations + " posts=" + posts + " views=" + views + " v" + version;
  }
}
