package org.kooch.streaming;

import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.streaming.clickhouse.RetryPolicy;
import org.kooch.streaming.clickhouse.UnwritableRows;
import org.kooch.streaming.kafka.KafkaUnwritableRows;

/**
 * What a Kooch Flink job needs to know.
 *
 * @param bounded read what is in Kafka now and finish (backfills, tests); event-time days are then
 *     closed at end of input, so history in any order is aggregated completely
 * @param outOfOrderness how far event time may go backwards before data counts as late (streaming)
 * @param allowedLateness how long after a day ends late data still corrects it (streaming)
 * @param idleness a source partition without data for this long does not hold back event time
 * @param clickhouseRetry how the ClickHouse sinks retry, and when they give up and fail the job
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
    RetryPolicy clickhouseRetry)
    implements Serializable {

  /** Settings with the sinks' default {@link RetryPolicy}. */
  public JobSettings(
      String kafkaBootstrap,
      Properties kafkaProperties,
      String consumerGroup,
      ClickHouseSettings clickhouse,
      boolean bounded,
      Duration outOfOrderness,
      Duration allowedLateness,
      Duration idleness) {
    this(kafkaBootstrap, kafkaProperties, consumerGroup, clickhouse, bounded, outOfOrderness, allowedLateness, idleness, RetryPolicy.defaults());
  }

  public JobSettings withClickhouseRetry(RetryPolicy retry) {
    return new JobSettings(kafkaBootstrap, kafkaProperties, consumerGroup, clickhouse, bounded, outOfOrderness, allowedLateness, idleness, retry);
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
      return Duration.ofSeconds(10);
    }
    long seconds = backlog / BACKLOG_PER_INTERVAL_SECOND;
    return Duration.ofSeconds(Math.max(10, Math.min(120, seconds)));
  }

  /** Where the ClickHouse sinks send rows they cannot encode: the dead-letter topic. */
  public UnwritableRows unwritableRows() {
    return new KafkaUnwritableRows(kafkaBootstrap, kafkaProperties);
  }

  public static JobSettings defaults(String kafkaBootstrap, ClickHouseSettings clickhouse, boolean bounded) {
    return new JobSettings(
        kafkaBootstrap,
        new Properties(),
        "kooch-landing",
        clickhouse,
        bounded,
        Duration.ofHours(1),
        Duration.ofDays(7),
        Duration.ofSeconds(30));
  }
}
