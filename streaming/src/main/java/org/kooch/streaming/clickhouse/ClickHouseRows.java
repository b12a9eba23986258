package org.kooch.streaming.clickhouse;

import static org.kooch.streaming.clickhouse.RowEncoder.date;
import static org.kooch.streaming.clickhouse.RowEncoder.dateTime;
import static org.kooch.streaming.clickhouse.RowEncoder.nullableInt64;
import static org.kooch.streaming.clickhouse.RowEncoder.nullableString;
import static org.kooch.streaming.clickhouse.RowEncoder.strings;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;

import java.util.List;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PostRef;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.flows.ChannelFlowRow;
import org.kooch.streaming.flows.MigrationFlowRow;
import org.kooch.streaming.links.ChannelLinkRow;
import org.kooch.streaming.platforms.PlatformDailyRow;

/**
 * The row encoders of the tables Flink writes: column names and types as in {@code
 * clickhouse/*.sql}, values in RowBinary.
 */
public final class ClickHouseRows {
  private ClickHouseRows() {}

  public static final RowEncoder<Post> POSTS = RowEncoder.of(
      List.of("platform", "channel", "post_id", "published_at", "collected_at", "text", "views", "forwards",
          "forwarded_from_platform", "forwarded_from_channel", "forwarded_from_post_id", "forwarded_from_name",
          "links", "source", "version"),
      (p, row) -> {
        row.writeString(p.getPlatform());
        row.writeString(p.getChannel());
        row.writeInt64(p.getPostId());
        dateTime(row, p.getPublishedAt());
        dateTime(row, p.getCollectedAt());
        row.writeString(p.getText());
        nullableInt64(row, p.getViews());
        nullableInt64(row, p.getForwards());
        PostRef from = p.getForwardedFrom();
        nullableString(row, from == null ? null : from.getPlatform());
        nullableString(row, from == null ? null : from.getChannel());
        nullableInt64(row, from == null ? null : from.getPostId());
        nullableString(row, from == null ? null : from.getName());
        strings(row, p.getLinks());
        row.writeString(p.getSource());
        uint64(row, p.getCollectedAt().toEpochMilli());
      });

  public static final RowEncoder<SubscriberCount> SUBSCRIBER_SNAPSHOTS = RowEncoder.of(
      List.of("platform", "channel", "observed_at", "subscribers", "source"),
      (s, row) -> {
        row.writeString(s.getPlatform());
        row.writeString(s.getChannel());
        dateTime(row, s.getObservedAt());
        row.writeInt64(s.getSubscribers());
        row.writeString(s.getSource());
      });

  public static final RowEncoder<ChannelProfile> CHANNEL_PROFILES = RowEncoder.of(
      List.of("platform", "channel", "observed_at", "title", "description", "links", "source"),
      (c, row) -> {
        row.writeString(c.getPlatform());
        row.writeString(c.getChannel());
        dateTime(row, c.getObservedAt());
        nullableString(row, c.getTitle());
        nullableString(row, c.getDescription());
        strings(row, c.getLinks());
        row.writeString(c.getSource());
      });

  public static final RowEncoder<PlatformStat> PLATFORM_STATS = RowEncoder.of(
      List.of("platform", "observed_at", "reported_users", "source"),
      (p, row) -> {
        row.writeString(p.getPlatform());
        dateTime(row, p.getObservedAt());
        row.writeInt64(p.getReportedUsers());
        row.writeString(p.getSource());
      });

  public static final RowEncoder<ChannelDailyRow> CHANNEL_DAILY = RowEncoder.of(
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

  /** Far future (2100-01-01): the earliest sighting of a link gets the highest version. */
  private static final long LINK_VERSION_BASE = 4_102_444_800_000L;

  public static final RowEncoder<ChannelLinkRow> CHANNEL_LINKS = RowEncoder.of(
      List.of("from_platform", "from_channel", "to_platform", "to_channel", "evidence", "first_seen", "post_id",
          "confidence", "version"),
      (l, row) -> {
        row.writeString(l.fromPlatform);
        row.writeString(l.fromChannel);
        row.writeString(l.toPlatform);
        row.writeString(l.toChannel);
        row.writeString(l.evidence);
        dateTime(row, l.firstSeen);
        nullableInt64(row, l.postId);
        row.writeFloat64(l.confidence);
        uint64(row, (LINK_VERSION_BASE - l.firstSeen) * 100 + Math.round(l.confidence * 99));
      });

  public static final RowEncoder<ChannelFlowRow> CHANNEL_FLOWS = RowEncoder.of(
      List.of("day", "from_platform", "from_channel", "to_platform", "to_channel", "flow", "flow_low", "flow_high", "version"),
      (f, row) -> {
        date(row, f.epochDay);
        row.writeString(f.fromPlatform);
        row.writeString(f.fromChannel);
        row.writeString(f.toPlatform);
        row.writeString(f.toChannel);
        row.writeInt64(f.flow);
        row.writeInt64(f.flowLow);
        row.writeInt64(f.flowHigh);
        uint64(row, VersionClock.next());
      });

  public static final RowEncoder<MigrationFlowRow> MIGRATION_FLOWS = RowEncoder.of(
      List.of("day", "from_platform", "to_platform", "flow", "flow_low", "flow_high", "channel_pairs", "version"),
      (f, row) -> {
        date(row, f.epochDay);
        row.writeString(f.fromPlatform);
        row.writeString(f.toPlatform);
        row.writeInt64(f.flow);
        row.writeInt64(f.flowLow);
        row.writeInt64(f.flowHigh);
        row.writeUInt32(f.channelPairs);
        uint64(row, VersionClock.next());
      });

  public static final RowEncoder<PlatformDailyRow> PLATFORM_DAILY = RowEncoder.of(
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
}
