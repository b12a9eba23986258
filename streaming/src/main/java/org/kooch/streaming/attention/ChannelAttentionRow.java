package org.kooch.streaming.attention;

import static org.kooch.streaming.clickhouse.RowEncoder.date;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.kooch.streaming.clickhouse.RowEncoder;

/**
 * One row of {@code channel_attention}: a channel's posts of one UTC day and their views, as last
 * observed and at 24 h of age. Posts not measured at 24 h are in {@code posts} only: those last
 * seen younger than 24 h in {@code postsUnder24h}, the rest (never observed near 24 h) in neither.
 */
public class ChannelAttentionRow {
  /** The {@code channel_attention} row, as the ClickHouse sink writes it: columns as in {@code clickhouse/*.sql}, values in RowBinary. */
  public static final RowEncoder<ChannelAttentionRow> ENCODER = RowEncoder.of(
      List.of("platform", "channel", "day", "posts", "views", "posts_24h", "views_24h", "posts_under_24h", "version"),
      (a, row) -> {
        row.writeString(a.platform);
        row.writeString(a.channel);
        date(row, a.epochDay);
        row.writeUInt32(a.posts);
        row.writeInt64(a.views);
        row.writeUInt32(a.posts24h);
        row.writeInt64(a.views24h);
        row.writeUInt32(a.postsUnder24h);
        uint64(row, a.version);
      });

  public String platform;
  public String channel;
  public long epochDay;
  public int posts;
  public long views;
  public int posts24h;
  public long views24h;
  public int postsUnder24h;
  public long version;

  public ChannelAttentionRow() {}

  public LocalDate day() {
    return LocalDate.ofEpochDay(epochDay);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelAttentionRow r && epochDay == r.epochDay && posts == r.posts && views == r.views
        && posts24h == r.posts24h && views24h == r.views24h && postsUnder24h == r.postsUnder24h && version == r.version
        && Objects.equals(platform, r.platform) && Objects.equals(channel, r.channel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, channel, epochDay, version);
  }

  @Override
  public String toString() {
    return platform + "/" + channel + " " + day() + " posts=" + posts + " views=" + views + " at24h=" + views24h + " of "
        + posts24h + " under24h=" + postsUnder24h + " v" + version;
  }
}
