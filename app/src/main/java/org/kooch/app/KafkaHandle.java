package org.kooch.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;

/**
 * The Kafka a command talks to: the operator's cluster, or an embedded broker (stopped on close)
 * whose data persists in the state directory, so {@code kooch import} and {@code kooch run} in
 * separate processes see the same topics.
 *
 * <p>The embedded broker gets Kooch's topics created when missing. On the operator's cluster a
 * missing topic is an error unless {@code --kafka-auto-create-topics} allows creating it: created
 * here it would have replication factor 1, one broker's loss from losing records.
 */
final class KafkaHandle implements AutoCloseable {
  private final EmbeddedKafka embedded;
  private final KafkaSettings settings;

  private KafkaHandle(EmbeddedKafka embedded, KafkaSettings settings) {
    this.embedded = embedded;
    this.settings = settings;
  }

  /** The Kafka of {@code options}, with every Kooch topic present. */
  static KafkaHandle open(ConnectionOptions options) throws Exception {
    KafkaHandle h = connect(options);
    try {
      if (h.embedded() || options.kafkaAutoCreateTopics()) {
        TopicAdmin.ensureTopics(h.settings);
      } else {
        requireTopics(h.settings);
      }
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
    return h;
  }

  /** The Kafka of {@code options}, its topics as they are. */
  static KafkaHandle connect(ConnectionOptions options) throws Exception {
    Properties extra = options.kafkaProperties();
    if (options.externalKafka()) {
      return new KafkaHandle(null, new KafkaSettings(options.kafka, 4, (short) 1, extra));
    }
    Path dir = options.stateDir().resolve("kafka");
    System.err.println("starting embedded Kafka in " + dir + " ...");
    EmbeddedKafka broker = EmbeddedKafka.start(dir, 0);
    return new KafkaHandle(broker, new KafkaSettings(broker.bootstrapServers(), 4, (short) 1, extra));
  }

  private static void requireTopics(KafkaSettings settings) {
    List<String> missing = TopicAdmin.missingTopics(settings);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the Kafka at " + settings.bootstrapServers() + " has no topic "
          + String.join(", ", missing) + ". Create Kooch's topics with `kooch kafka topics --kafka "
          + settings.bootstrapServers() + " --replication-factor 3`, or, for a single-broker Kafka, pass "
          + "--kafka-auto-create-topics (env KOOCH_KAFKA_AUTO_CREATE_TOPICS=1) to create them with replication factor 1");
    }
  }

  boolean embedded() {
    return embedded != null;
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
