package org.kooch.streaming.landing;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.decode.DecodeRecords;
import org.kooch.streaming.kafka.RawRecord;

/**
 * Decodes Kafka's records and writes the raw tables as they arrive:
 *
 * <pre>
 * records ─► decode ─┬─► posts ─────────────► posts
 *                    ├─► subscriber counts ─► subscriber_snapshots
 *                    ├─► profiles ──────────► channel_profiles
 *                    ├─► platform stats ────► platform_stats
 *                    └─► dead letters (returned, for the caller's dead-letter sink)
 * </pre>
 */
public final class LandingStage {
  /** The decoded records, each type its own stream, and the bytes that did not decode. */
  public record Landed(
      DataStream<Post> posts,
      DataStream<SubscriberCount> counts,
      DataStream<ChannelProfile> profiles,
      DataStream<PlatformStat> platformStats,
      DataStream<DeadLetter> deadLetters) {}

  private final TableSinks sinks;

  public LandingStage(TableSinks sinks) {
    this.sinks = sinks;
  }

  public Landed land(DataStream<RawRecord> records) {
    SingleOutputStreamOperator<Post> posts =
        records
            .process(new DecodeRecords(), new AvroTypeInfo<>(Post.class))
            .name("decode")
            .uid("decode");
    DataStream<SubscriberCount> counts = posts.getSideOutput(DecodeRecords.SUBSCRIBERS);
    DataStream<ChannelProfile> profiles = posts.getSideOutput(DecodeRecords.PROFILES);
    DataStream<PlatformStat> platformStats = posts.getSideOutput(DecodeRecords.PLATFORM_STATS);

    posts.sinkTo(sinks.into("posts", RawTableRows.POSTS)).name("clickhouse-posts").uid("clickhouse-posts");
    counts.sinkTo(sinks.into("subscriber_snapshots", RawTableRows.SUBSCRIBER_SNAPSHOTS))
        .name("clickhouse-subscriber-snapshots").uid("clickhouse-subscriber-snapshots");
    profiles.sinkTo(sinks.into("channel_profiles", RawTableRows.CHANNEL_PROFILES))
        .name("clickhouse-channel-profiles").uid("clickhouse-channel-profiles");
    platformStats.sinkTo(sinks.into("platform_stats", RawTableRows.PLATFORM_STATS))
        .name("clickhouse-platform-stats").uid("clickhouse-platform-stats");
    return new Landed(posts, counts, profiles, platformStats, posts.getSideOutput(DecodeRecords.DEAD_LETTERS));
  }
}
