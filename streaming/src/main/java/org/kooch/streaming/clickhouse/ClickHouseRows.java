package org.kooch.streaming.clickhouse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.flows.ChannelFlowRow;
import org.kooch.streaming.flows.MigrationFlowRow;
import org.kooch.streaming.links.ChannelLinkRow;
import org.kooch.streaming.platforms.PlatformDailyRow;

/** The row encoders of the tables Flink writes, column names as in {@code clickhouse/*.sql}. */
public final class ClickHouseRows {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ClickHouseRows() {}

  /** DateTime('UTC') text: seconds precision (18.16 has no DateTime64). */
  public static String dateTime(Instant t) {
    return DATE_TIME.format(t);
  }

  public static final RowEncoder<Post> POSTS =
      (p, row) -> {
        row.put("platform", p.getPlatform());
        row.put("channel", p.getChannel());
        row.put("post_id", p.getPostId());
        row.put("published_at", dateTime(p.getPublishedAt()));
        row.put("collected_at", dateTime(p.getCollectedAt()));
        row.put("text", p.getText());
        row.put("views", p.getViews());
        row.put("forwards", p.getForwards());
        if (p.getForwardedFrom() != null) {
          row.put("forwarded_from_platform", p.getForwardedFrom().getPlatform());
          row.put("forwarded_from_channel", p.getForwardedFrom().getChannel());
          row.put("forwarded_from_post_id", p.getForwardedFrom().getPostId());
          row.put("forwarded_from_name", p.getForwardedFrom().getName());
        }
        ArrayNode links = row.putArray("links");
        p.getLinks().forEach(links::add);
        row.put("source", p.getSource());
        row.put("version", p.getCollectedAt().toEpochMilli());
      };

  public static final RowEncoder<SubscriberCount> SUBSCRIBER_SNAPSHOTS =
      (s, row) -> {
        row.put("platform", s.getPlatform());
        row.put("channel", s.getChannel());
        row.put("observed_at", dateTime(s.getObservedAt()));
        row.put("subscribers", s.getSubscribers());
        row.put("source", s.getSource());
      };

  public static final RowEncoder<ChannelProfile> CHANNEL_PROFILES =
      (c, row) -> {
        row.put("platform", c.getPlatform());
        row.put("channel", c.getChannel());
        row.put("observed_at", dateTime(c.getObservedAt()));
        row.put("title", c.getTitle());
        row.put("description", c.getDescription());
        ArrayNode links = row.putArray("links");
        c.getLinks().forEach(links::add);
        row.put("source", c.getSource());
      };

  public static final RowEncoder<PlatformStat> PLATFORM_STATS =
      (p, row) -> {
        row.put("platform", p.getPlatform());
        row.put("observed_at", dateTime(p.getObservedAt()));
        row.put("reported_users", p.getReportedUsers());
        row.put("source", p.getSource());
      };

  public static final RowEncoder<ChannelDailyRow> CHANNEL_DAILY =
      (d, row) -> {
        row.put("platform", d.platform);
        row.put("channel", d.channel);
        row.put("day", d.day().toString());
        row.put("subscribers", d.subscribers);
        row.put("subscribers_min", d.subscribersMin);
        row.put("subscribers_max", d.subscribersMax);
        row.put("observations", d.observations);
        row.put("posts", d.posts);
        row.put("views", d.views);
        row.put("version", d.version);
      };

  /** Far future (2100-01-01): the earliest sighting of a link gets the highest version. */
  private static final long LINK_VERSION_BASE = 4_102_444_800_000L;

  public static final RowEncoder<ChannelLinkRow> CHANNEL_LINKS =
      (l, row) -> {
        row.put("from_platform", l.fromPlatform);
        row.put("from_channel", l.fromChannel);
        row.put("to_platform", l.toPlatform);
        row.put("to_channel", l.toChannel);
        row.put("evidence", l.evidence);
        row.put("first_seen", dateTime(Instant.ofEpochMilli(l.firstSeen)));
        row.put("post_id", l.postId);
        row.put("confidence", l.confidence);
        row.put("version", (LINK_VERSION_BASE - l.firstSeen) * 100 + Math.round(l.confidence * 99));
      };

  public static final RowEncoder<ChannelFlowRow> CHANNEL_FLOWS =
      (f, row) -> {
        row.put("day", java.time.LocalDate.ofEpochDay(f.epochDay).toString());
        row.put("from_platform", f.fromPlatform);
        row.put("from_channel", f.fromChannel);
        row.put("to_platform", f.toPlatform);
        row.put("to_channel", f.toChannel);
        row.put("flow", f.flow);
        row.put("flow_low", f.flowLow);
        row.put("flow_high", f.flowHigh);
        row.put("version", VersionClock.next());
      };

  public static final RowEncoder<MigrationFlowRow> MIGRATION_FLOWS =
      (f, row) -> {
        row.put("day", java.time.LocalDate.ofEpochDay(f.epochDay).toString());
        row.put("from_platform", f.fromPlatform);
        row.put("to_platform", f.toPlatform);
        row.put("flow", f.flow);
        row.put("flow_low", f.flowLow);
        row.put("flow_high", f.flowHigh);
        row.put("channel_pairs", f.channelPairs);
        row.put("version", VersionClock.next());
      };

  public static final RowEncoder<PlatformDailyRow> PLATFORM_DAILY =
      (p, row) -> {
        row.put("day", java.time.LocalDate.ofEpochDay(p.epochDay).toString());
        row.put("platform", p.platform);
        row.put("tracked_channels", p.trackedChannels);
        row.put("tracked_subscribers", p.trackedSubscribers);
        row.put("reported_users", p.reportedUsers);
        row.put("posts", p.posts);
        row.put("views", p.views);
        row.put("version", VersionClock.next());
      };
}
