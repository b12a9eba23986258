package org.kooch.ingest.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.kooch.ingest.kafka.KafkaSettings;

/** One embedded broker per test JVM, started on first use and stopped when the JVM exits. */
public final class TestKafka {
  private static EmbeddedKafka broker;

  private TestKafka() {}

  public static synchronized KafkaSettings shared() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory("kooch-test-kafka");
        broker = EmbeddedKafka.start(dir, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the embedded Kafka broker", e);
      }
    }
    return KafkaSettings.of(broker.bootstrapServers());
  }

  /** Everything in a topic now, read by a throwaway consumer group. */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaSettings settings, String topic, int expected) {
    Properties p = settings.clientProperties();
    p.put("group.id", "test-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 20_000;
      while (out.size() < expected && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // one more short poll so that unexpected extra records are seen too
      c.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }
}
