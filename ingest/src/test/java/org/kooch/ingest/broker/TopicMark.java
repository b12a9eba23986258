package org.kooch.ingest.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.kooch.ingest.kafka.KafkaSettings;

/**
 * The end of a topic of the shared test broker at one moment, so a test can read exactly the
 * records it added afterwards, whatever other tests wrote before (in any partition).
 */
public final class TopicMark {
  private final KafkaSettings settings;
  private final String topic;
  private final Map<TopicPartition, Long> ends;

  private TopicMark(KafkaSettings settings, String topic, Map<TopicPartition, Long> ends) {
    this.settings = settings;
    this.topic = topic;
    this.ends = ends;
  }

  /** Marks the current end of every partition of {@code topic} (which must exist). */
  public static TopicMark of(KafkaSettings settings, String topic) {
    try (KafkaConsumer<byte[], byte[]> c = consumer(settings)) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      return new TopicMark(settings, topic, c.endOffsets(partitions));
    }
  }

  /**
   * The records added since the mark: waits up to 20 s for {@code expected} of them, then polls
   * once more briefly so that unexpected extra records show up too.
   */
  public List<ConsumerRecord<byte[], byte[]>> added(int expected) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = consumer(settings)) {
      c.assign(ends.keySet());
      ends.forEach(c::seek);
      long deadline = System.currentTimeMillis() + 20_000;
      while (out.size() < expected && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      c.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    return out;
  }

  public String topic() {
    return topic;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings settings) {
    Properties p = settings.clientProperties();
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(p);
  }
}
