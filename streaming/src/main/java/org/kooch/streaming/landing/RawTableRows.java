package org.kooch.streaming.landing;

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
import org.kooch.streaming.clickhouse.RowEncoder;

/**
 * The row encoders of the raw tables, one per Avro record type the job lands as it is: column
 * names and types as in {@code clickhouse/*.sql}, values in RowBinary.
 */
public final class RawTableRows {
  private RawTableRows() {}

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
}
