package org.kooch.streaming;

import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RefusalKind;
import org.kooch.streaming.clickhouse.ClickHouseRows;
import org.kooch.streaming.clickhouse.ClickHouseSink;
import org.kooch.streaming.daily.ChannelDailyAggregator;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.daily.ChannelEvent;
import org.kooch.streaming.decode.DecodeRecords;
import org.kooch.streaming.kafka.RawRecord;
import org.kooch.streaming.kafka.RecordEventTime;

/**
 * Lands Kafka's records in ClickHouse: the raw tables (posts, subscriber_snapshots,
 * channel_profiles, platform_stats) and {@code channel_daily}, built in event time. Bytes that do
 * not decode, and events too late for their day, go to the dead-letter sink.
 *
 * <pre>
 * kafka ─► decode ─┬─► posts ───────────────┬─► ClickHouse posts
 *                  ├─► subscriber counts ───┼─► ClickHouse subscriber_snapshots
 *                  │                        └─► keyBy channel ─► daily ─► channel_daily
 *                  ├─► profiles, platform stats ─► ClickHouse
 *                  └─► dead letters ─► Kafka kooch.deadletter.v1
 * </pre>
 */
public final class LandingJob {
  private final Source<RawRecord, ?, ?> source;
  private final Sink<DeadLetter> deadLetters;
  private final JobSettings settings;

  public LandingJob(Source<RawRecord, ?, ?> source, Sink<DeadLetter> deadLetters, JobSettings settings) {
    this.source = source;
    this.deadLetters = deadLetters;
    this.settings = settings;
  }

  /** Adds the job's operators, reading the Kafka source, to {@code env}; the caller executes it. */
  public void build(StreamExecutionEnvironment env) {
    // Chained operators pass records by reference instead of deep-copying them (the decoded Avro
    // records fan out to ten chained consumers). Safe here: no operator changes its input, and
    // those that keep an input in heap state (dedupers, detectors) get it from the network, which
    // always deserializes a fresh object.
    env.getConfig().enableObjectReuse();
    build(env.fromSource(source, watermarks(), "kafka-records").uid("kafka-records"));
  }

  /**
   * Adds only the decoding and the raw tables (posts, subscriber_snapshots, channel_profiles,
   * platform_stats) with their dead letters: no channel_daily, no analytics. The benchmark runs it
   * to measure the floor under the whole job: the reading, decoding and writing any job of this
   * shape does.
   */
  public void buildRawTablesOnly(StreamExecutionEnvironment env) {
    env.getConfig().enableObjectReuse();
    SingleOutputStreamOperator<Post> posts = landRawTables(env.fromSource(source, watermarks(), "kafka-records").uid("kafka-records"));
    posts.getSideOutput(DecodeRecords.DEAD_LETTERS).sinkTo(deadLetters).name("dead-letters").uid("dead-letters");
  }

  /** Decodes the records and writes the raw tables; returns the posts, the other types as side outputs. */
  private SingleOutputStreamOperator<Post> landRawTables(DataStream<RawRecord> records) {
    SingleOutputStreamOperator<Post> posts =
        records
            .process(new DecodeRecords(), new AvroTypeInfo<>(Post.class))
            .name("decode")
            .uid("decode");

    posts.sinkTo(ClickHouseSink.of(settings.clickhouse(), "posts", ClickHouseRows.POSTS, settings.unwritableRows(), settings.clickhouseRetry())).name("clickhouse-posts").uid("clickhouse-posts");
    posts.getSideOutput(DecodeRecords.SUBSCRIBERS)
        .sinkTo(ClickHouseSink.of(settings.clickhouse(), "subscriber_snapshots", ClickHouseRows.SUBSCRIBER_SNAPSHOTS, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-subscriber-snapshots").uid("clickhouse-subscriber-snapshots");
    posts.getSideOutput(DecodeRecords.PROFILES)
        .sinkTo(ClickHouseSink.of(settings.clickhouse(), "channel_profiles", ClickHouseRows.CHANNEL_PROFILES, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-channel-profiles").uid("clickhouse-channel-profiles");
    posts.getSideOutput(DecodeRecords.PLATFORM_STATS)
        .sinkTo(ClickHouseSink.of(settings.clickhouse(), "platform_stats", ClickHouseRows.PLATFORM_STATS, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-platform-stats").uid("clickhouse-platform-stats");
    return posts;
  }

  /** Adds the job's operators downstream of {@code records} (benchmarks feed a collection). */
  public void build(DataStream<RawRecord> records) {
    SingleOutputStreamOperator<Post> posts = landRawTables(records);

    DataStream<ChannelEvent> postEvents = posts.map(ChannelEvent::of).name("post-events").uid("post-events");
    DataStream<ChannelEvent> countEvents =
        posts.getSideOutput(DecodeRecords.SUBSCRIBERS).map(ChannelEvent::of).name("count-events").uid("count-events");
    DataStream<ChannelEvent> events = postEvents.union(countEvents);

    SingleOutputStreamOperator<ChannelDailyRow> daily =
        events.keyBy(ChannelEvent::key)
            .process(new ChannelDailyAggregator(settings.allowedLateness()), TypeInformation.of(ChannelDailyRow.class))
            .name("channel-daily")
            .uid("channel-daily");
    daily.sinkTo(ClickHouseSink.of(settings.clickhouse(), "channel_daily", ClickHouseRows.CHANNEL_DAILY, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-channel-daily").uid("clickhouse-channel-daily");

    daily.getSideOutput(ChannelDailyAggregator.TOO_LATE)
        .map(LandingJob::tooLate, new AvroTypeInfo<>(DeadLetter.class))
        .name("too-late-events").uid("too-late-events")
        .union(posts.getSideOutput(DecodeRecords.DEAD_LETTERS))
        .sinkTo(deadLetters)
        .name("dead-letters")
        .uid("dead-letters");

    // Event time comes from the source (one watermark per Kafka partition): every stream below
    // inherits it, so no operator assigns its own.
    DataStream<PlatformStat> platformStats = posts.getSideOutput(DecodeRecords.PLATFORM_STATS);
    MigrationAnalytics.attach(settings, posts, posts.getSideOutput(DecodeRecords.PROFILES), postEvents, countEvents, daily, platformStats);
  }

  /**
   * Event time is tracked per Kafka partition, in the source: the watermark is the minimum over
   * the partitions, so a partition read ahead of the others (a backlog after a restart is read a
   * partition at a time) cannot make the others' events late.
   */
  private WatermarkStrategy<RawRecord> watermarks() {
    if (settings.bounded()) {
      // A backfill closes every day at end of input: history in any order is complete.
      return WatermarkStrategy.noWatermarks();
    }
    return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner(new RecordEventTime())
        .withIdleness(settings.idleness());
  }

  private static DeadLetter tooLate(ChannelEvent e) {
    return DeadLetters.of(
        RefusalKind.TOO_LATE,
        "flink:channel-daily",
        e.key(),
        "event of " + Instant.ofEpochMilli(e.time) + " arrived after the day was closed (allowed lateness passed); it is in the raw tables, re-run with --bounded to include it",
        e.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
