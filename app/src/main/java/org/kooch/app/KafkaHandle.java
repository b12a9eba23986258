package org.kooch.app;

import java.nio.file.Path;
import java.util.Properties;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;

/**
 * The Kafka a command talks to: the operator's cluster, or an embedded broker (stopped on close)
 * whose data persists in the state directory, so {@code kooch import} and {@code kooch run} in
 * separate processes see the same topics.
 */
final class KafkaHandle implements AutoCloseable {
  private final EmbeddedKafka embedded;
  private final KafkaSettings settings;

  private KafkaHandle(EmbeddedKafka embedded, KafkaSettings settings) {
    this.embedded = embedded;
    this.settings = settings;
  }

  static KafkaHandle open(ConnectionOptions options) throws Exception {
    Properties extra = options.kafkaProperties();
    if (options.kafka != null && !options.kafka.isBlank()) {
      KafkaHandle h = new KafkaHandle(null, new KafkaSettings(options.kafka, 4, (short) 1, extra));
      TopicAdmin.ensureTopics(h.settings);
      return h;
    }
    Path dir = options.stateDir().resolve("kafka");
    System.err.println("starting embedded Kafka in " + dir + " ...");
    EmbeddedKafka broker = EmbeddedKafka.start(dir, 0);
    KafkaHandle h = new KafkaHandle(broker, new KafkaSettings(broker.bootstrapServers(), 4, (short) 1, extra));
    try {
      TopicAdmin.ensureTopics(h.settings);
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
    return h;
  }

  KafkaSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
