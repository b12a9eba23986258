package org.kooch.streaming.platforms;

import static org.kooch.streaming.clickhouse.RowEncoder.date;
import static org.kooch.streaming.clickhouse.RowEncoder.nullableInt64;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;
import java.util.List;
import org.kooch.streaming.clickhouse.RowEncoder;
import org.kooch.streaming.clickhouse.VersionClock;

/** One row of {@code platform_daily}. */
public class PlatformDailyRow {
  /** The {@code platform_daily} row, as the ClickHouse sink writes it: columns as in {@code clickhouse/*.sql}, values in RowBinary. */
  public static final RowEncoder<PlatformDailyRow> ENCODER = RowEncoder.of(
      List.of("day", "platform", "tracked_channels", "tracked_subscribers", "reported_users", "posts", "views", "version"),
      (p, row) -> {
        date(row, p.epochDay);
        row.writeString(p.platform);
        row.writeUInt32(p.trackedChannels);
        row.writeInt64(p.trackedSubscribers);
        nullableInt64(row, p.reportedUsers);
        uint64(row, p.posts);
        row.writeInt64(p.views);
        uint64(row, VersionClock.next());
      });

  public long epochDay;
  public String platform;
  public int trackedChannels;
  public long trackedSubscribers;
  public Long reportedUsers;
  public long posts;
  public long views;

  public PlatformDailyRow() {}

  boolean sameAs(PlatformDailyRow o) {
    return o != null && o.trackedChannels == trackedChannels && o.trackedSubscribers == trackedSubscribers
        && java.util.Objects.equals(o.reportedUsers, reportedUsers) && o.posts == posts && o.views == views;
  }

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(epochDay) + " " + platform + " channels=" + trackedChannels + " subs=" + trackedSubscribers
        + " reported=" + reportedUsers + " posts=" + posts + " views=" + views;
  }
}
