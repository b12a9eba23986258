package org.kooch.streaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.JsonLinesCodec;

/**
 * A hand-made story for the job's integration tests: records as JSON Lines, dated by day of the
 * story, published to a broker of its own and landed by the whole job, bounded, on the test's
 * MiniCluster at parallelism 2 with checkpoints on.
 */
final class Story {
  static final long DAY = 86_400_000L;

  private final LocalDate day0;

  Story(LocalDate day0) {
    this.day0 = day0;
  }

  /** The midnight that ends day {@code k}, in epoch milliseconds. */
  long dayEnd(int k) {
    return (day0.toEpochDay() + k + 1) * DAY;
  }

  Instant at(int k, int hour) {
    return Instant.ofEpochMilli((day0.toEpochDay() + k) * DAY + hour * 3_600_000L);
  }

  static String count(String platform, String channel, long at, long n) {
    return "{\"type\":\"subscribers\",\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"observedAt\":\""
        + Instant.ofEpochMilli(at) + "\",\"subscribers\":" + n + ",\"source\":\"it\"}";
  }

  /** A post collected an hour after it was published. */
  static String post(String platform, String channel, long id, Instant published, String text, long views) {
    return "{\"type\":\"post\",\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"postId\":" + id
        + ",\"publishedAt\":\"" + published + "\",\"collectedAt\":\"" + published.plusSeconds(3_600) + "\",\"views\":" + views
        + ",\"text\":\"" + text + "\",\"source\":\"it\"}";
  }

  /**
   * Publishes {@code lines} to a broker of the story's own whose topics have one partition each, and
   * runs the job over them into {@code ch}: the job reads the story in the order it was written, as
   * a live run would. Same-content detection compares a post with those published within a day and
   * a half of the newest it has seen: other tests' posts on the shared broker are years later, and
   * a backfill that reads one channel's partition before another's finds only the pairs within that
   * window (docs/tables.md).
   */
  static void landInOrder(List<String> lines, ClickHouseSettings ch, String jobName) throws Exception {
    Path dir = Files.createTempDirectory("kooch-story-kafka");
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir, 0)) {
      KafkaSettings defaults = KafkaSettings.of(broker.bootstrapServers());
      land(new KafkaSettings(defaults.bootstrapServers(), 1, defaults.replication(), defaults.extra()), lines, ch, jobName);
    }
  }

  private static void land(KafkaSettings kafka, List<String> lines, ClickHouseSettings ch, String jobName) throws Exception {
    TopicAdmin.ensureTopics(kafka);
    JsonLinesCodec codec = new JsonLinesCodec();
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      for (String line : lines) {
        publisher.publish(codec.decode(line));
      }
    }
    JobSettings settings = JobSettings.defaults(kafka.bootstrapServers(), ch, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(1000);
    new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
    env.execute(jobName);
  }
}
