package org.kooch.streaming;

import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.streaming.clickhouse.RetryPolicy;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.clickhouse.UnwritableRows;
import org.kooch.streaming.kafka.KafkaUnwritableRows;

/**
 * What a Kooch Flink job needs to know, and the job's defaults: {@link #defaults} and the
 * constants below are the one place they are written ({@link PipelineArgs}, the job jar's
 * arguments, reads them).
 *
 * @param bounded read what is in Kafka now and finish (backfills, tests); event-time days are then
 *     closed at end of input, so history in any order is aggregated completely
 * @param outOfOrderness how far event time may go backwards before data counts as late (streaming)
 * @param allowedLateness how long after a day ends late data still corrects it (streaming)
 * @param idleness a source partition without data for this long does not hold back event time
 * @param clickhouseRetry how the ClickHouse sinks retry, and when they give up and fail the job
 * @param sinkFlushInterval how long at most a ClickHouse sink holds a row that does not fill a
 *     batch before it inserts it (rows are also inserted before every checkpoint barrier)
 */
public record JobSettings(
    String kafkaBootstrap,
    Properties kafkaProperties,
    String consumerGroup,
    ClickHouseSettings clickhouse,
    boolean bounded,
    Duration outOfOrderness,
    Duration allowedLateness,
    Duration idleness,
    RetryPolicy clickhouseRetry,
    Duration sinkFlushInterval)
    implements Serializable {

  /** The job's name, and the consumer group its Kafka source reads as. */
  public static final String JOB_NAME = "kooch-landing";
  /** The consumer group the job reads as. */
  public static final String CONSUMER_GROUP = JOB_NAME;
  /** How far event time may go backwards before data counts as late. */
  public static final Duration OUT_OF_ORDERNESS = Duration.ofHours(1);
  /** How long after a day ends late data still corrects it. */
  public static final Duration ALLOWED_LATENESS = Duration.ofDays(7);
  /** How long a source partition without data may hold back event time. */
  public static final Duration IDLENESS = Duration.ofSeconds(30);
  /**
   * How often at most a streaming run writes a channel's open days to {@code channel_daily} before
   * they close (today's row for a live dashboard; {@code ChannelDailyAggregator}).
   */
  public static final Duration EARLY_UPDATES = Duration.ofSeconds(1);
  /**
   * How long at most a ClickHouse sink holds rows that do not fill a batch: in a live run, how
   * long a row may wait before it is visible (docs/performance.md, "Freshness").
   */
  public static final Duration SINK_FLUSH_INTERVAL = Duration.ofSeconds(2);
  /** The checkpoint interval of a streaming run (see {@link #defaultCheckpointInterval}). */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  /** Settings with the sinks' default {@link RetryPolicy} and flush interval ({@link #SINK_FLUSH_INTERVAL}). */
  public JobSettings(
      String kafkaBootstrap,
      Properties kafkaProperties,
      String consumerGroup,
      ClickHouseSettings clickhouse,
      boolean bounded,
      Duration outOfOrderness,
      Duration allowedLateness,
      Duration idleness) {
    this(kafkaBootstrap, kafkaProperties, consumerGroup, clickhouse, bounded, outOfOrderness, allowedLateness, idleness, RetryPolicy.defaults(),
        SINK_FLUSH_INTERVAL);
  }

  public JobSettings withClickhouseRetry(RetryPolicy retry) {
    return new JobSettings(
        kafkaBootstrap, kafkaProperties, consumerGroup, clickhouse, bounded, outOfOrderness, allowedLateness, idleness, retry, sinkFlushInterval);
  }

  public JobSettings withSinkFlushInterval(Duration interval) {
    return new JobSettings(
        kafkaBootstrap, kafkaProperties, consumerGroup, clickhouse, bounded, outOfOrderness, allowedLateness, idleness, clickhouseRetry, interval);
  }

  /** {@link #EARLY_UPDATES} streaming; none bounded (every day closes at the end of the input). */
  public Duration earlyUpdates() {
    return bounded ? Duration.ZERO : EARLY_UPDATES;
  }

  /** Records of a bounded run's backlog per second of its default checkpoint interval. */
  static final long BACKLOG_PER_INTERVAL_SECOND = 800_000;

  /**
   * The checkpoint interval when none is given: 10 s streaming (the sinks' rows become final at
   * checkpoints). A bounded run keeps every day open to the end of its input, so each checkpoint
   * copies state that grows with the records read; at a fixed interval the checkpoints' work grows
   * with the square of the backlog. Its interval grows with the backlog instead (a second per
   * 800,000 records, 10 s to 2 min), so a run makes about the same number of checkpoints at any
   * size, and a small one does not wait long for the final checkpoint at its end.
   *
   * @param backlog records a bounded run will read, or a negative number when not known
   */
  public static Duration defaultCheckpointInterval(boolean bounded, long backlog) {
    if (!bounded || backlog < 0) {
      return CHECKPOINT_INTERVAL;
    }
    long seconds = backlog / BACKLOG_PER_INTERVAL_SECOND;
    return Duration.ofSeconds(Math.max(CHECKPOINT_INTERVAL.toSeconds(), Math.min(120, seconds)));
  }

  /** The job's ClickHouse sinks: into {@link #clickhouse}, retried by {@link #clickhouseRetry}, unwritable rows to {@link #unwritableRows}. */
  public TableSinks tableSinks() {
    return new TableSinks(clickhouse, unwritableRows(), clickhouseRetry, sinkFlushInterval);
  }

  /** Where the ClickHouse sinks send rows they cannot encode: the dead-letter topic. */
  public UnwritableRows unwritableRows() {
    return new KafkaUnwritableRows(kafkaBootstrap, kafkaProperties);
  }

  /** The job's defaults, reading Kafka without extra client properties. */
  public static JobSettings defaults(String kafkaBootstrap, ClickHouseSettings clickhouse, boolean bounded) {
    return defaults(kafkaBootstrap, new Properties(), clickhouse, bounded);
  }

  /** The job's defaults: {@link #CONSUMER_GROUP}, {@link #OUT_OF_ORDERNESS}, {@link #ALLOWED_LATENESS}, {@link #IDLENESS}. */
  public static JobSettings defaults(String kafkaBootstrap, Properties kafkaProperties, ClickHouseSettings clickhouse, boolean bounded) {
    return new JobSettings(
        kafkaBootstrap, kafkaProperties, CONSUMER_GROUP, clickhouse, bounded, OUT_OF_ORDERNESS, ALLOWED_LATENESS, IDLENESS);
  }

  /** The name the job runs under. */
  public static String jobName(boolean bounded) {
    return bounded ? JOB_NAME + " (bounded)" : JOB_NAME;
  }
}
