package org.kooch.streaming;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.schemas.DeadLetter;
import org.kooch.streaming.alerts.AlertsStage;
import org.kooch.streaming.attention.AttentionStage;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.daily.DailyStage;
import org.kooch.streaming.flows.DayEnd;
import org.kooch.streaming.flows.FlowsStage;
import org.kooch.streaming.kafka.RawRecord;
import org.kooch.streaming.kafka.RecordEventTime;
import org.kooch.streaming.landing.LandingStage;
import org.kooch.streaming.links.ChannelLinkRow;
import org.kooch.streaming.links.LinksStage;
import org.kooch.streaming.platforms.PlatformsStage;
import org.kooch.streaming.samecontent.SameContentStage;

/**
 * The job: Kafka's records to ClickHouse's tables, through its stages. It runs as {@link
 * JobSettings#JOB_NAME} ({@code kooch-landing}, also its consumer group and the name deployments
 * know it by). This is the one place that wires the source, the stages and the dead-letter sink;
 * each stage writes its own tables.
 *
 * <pre>
 * kafka-records
 *   └─► landing ─┬─► posts, subscriber_snapshots, channel_profiles, platform_stats
 *                ├─► dead letters ─────────────────────────────────┐
 *                └─► posts, counts ─► daily ─► channel_daily       │
 *                                       └─► too late ──────────────┴─► dead-letters (Kafka)
 * posts ─► attention ─► channel_attention
 * posts ─► same content ──────────┐
 * posts, profiles, channel events ┴─► links ─► channel_links
 * links ─► alerts (one per channel pair) ─► alerts
 * links, count events ─► flows ─► channel_flows, migration_flows
 *                          └─► day ends, channel_daily, platform stats ─► platforms ─► platform_daily
 * </pre>
 *
 * <p>Event time comes from the source (one watermark per Kafka partition): every stream below it
 * inherits it, so no operator assigns its own.
 */
public final class KoochJob {
  private final Source<RawRecord, ?, ?> source;
  private final Sink<DeadLetter> deadLetters;
  private final JobSettings settings;

  public KoochJob(Source<RawRecord, ?, ?> source, Sink<DeadLetter> deadLetters, JobSettings settings) {
    this.source = source;
    this.deadLetters = deadLetters;
    this.settings = settings;
  }

  /** Adds the job's operators, reading the Kafka source, to {@code env}; the caller executes it. */
  public void build(StreamExecutionEnvironment env) {
    build(records(env, source, settings));
  }

  /** Adds the job's operators downstream of {@code records} ({@link RecordReplay} feeds a collection). */
  public void build(DataStream<RawRecord> records) {
    TableSinks sinks = settings.tableSinks();
    LandingStage.Landed landed = new LandingStage(sinks).land(records);
    DailyStage.Days days = new DailyStage(sinks, settings.allowedLateness(), settings.earlyUpdates()).aggregate(landed.posts(), landed.counts());
    days.tooLate().union(landed.deadLetters()).sinkTo(deadLetters).name("dead-letters").uid("dead-letters");
    new AttentionStage(sinks, settings.allowedLateness()).attend(days.byChannel());

    DataStream<ChannelLinkRow> sameContent = new SameContentStage().detect(landed.posts());
    DataStream<ChannelLinkRow> links =
        new LinksStage(sinks).link(landed.posts(), landed.profiles(), days.postEvents(), days.countEvents(), sameContent);
    new AlertsStage(sinks).raise(links);
    DataStream<DayEnd> dayEnds = new FlowsStage(sinks, settings.allowedLateness()).flows(links, days.byChannel());
    new PlatformsStage(sinks).total(dayEnds, days.rows(), landed.platformStats());
  }

  /**
   * The records of {@code source} in {@code env}, with the job's event time ({@code
   * kafka-records}). Turns on object reuse: chained operators pass records by reference instead
   * of deep-copying them (the decoded Avro records fan out to ten chained consumers). Safe here:
   * no operator changes its input, and those that keep an input in heap state (dedupers,
   * detectors) get it from the network, which always deserializes a fresh object.
   */
  public static DataStream<RawRecord> records(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, JobSettings settings) {
    env.getConfig().enableObjectReuse();
    return env.fromSource(source, watermarks(settings), "kafka-records").uid("kafka-records");
  }

  /**
   * Event time is tracked per Kafka partition, in the source: the watermark is the minimum over
   * the partitions, so a partition read ahead of the others (a backlog after a restart is read a
   * partition at a time) cannot make the others' events late.
   */
  private static WatermarkStrategy<RawRecord> watermarks(JobSettings settings) {
    if (settings.bounded()) {
      // A backfill closes every day at end of input: history in any order is complete.
      return WatermarkStrategy.noWatermarks();
    }
    return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner(new RecordEventTime())
        .withIdleness(settings.idleness());
  }
}
