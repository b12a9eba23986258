package org.kooch.streaming;

import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;
import org.kooch.clickhouse.ClickHouseSettings;

/**
 * What a Kooch Flink job needs to know.
 *
 * @param bounded read what is in Kafka now and finish (backfills, tests); event-time days are then
 *     closed at end of input, so history in any order is aggregated completely
 * @param outOfOrderness how far event time may go backwards before data counts as late (streaming)
 * @param allowedLateness how long after a day ends late data still corrects it (streaming)
 * @param idleness a source partition without data for this long does not hold back event time
 */
public record JobSettings(
    String kafkaBootstrap,
    Properties kafkaProperties,
    String consumerGroup,
    ClickHouseSettings clickhouse,
    boolean bounded,
    Duration outOfOrderness,
    Duration allowedLateness,
    Duration idleness)
    implements Serializable {

  /**
   * The checkpoint interval when none is given: 10 s streaming (the sinks' rows become final at
   * checkpoints); a minute bounded, where every day stays open to the end of the input, so each
   * checkpoint copies state that grows with it, and a checkpoint serves only a restart within the run.
   */
  public static Duration defaultCheckpointInterval(boolean bounded) {
    return bounded ? Duration.ofMinutes(1) : Duration.ofSeconds(10);
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
