package org.kooch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The collectors' state topic, {@value #TOPIC}: compacted, one record per collector and channel,
 * keyed {@code <collector id>/<channel>}. A collector writes a channel's state in the same Kafka
 * transaction as the channel's records, so the state says exactly what was published: both are
 * committed, or neither is.
 */
public final class CollectorStateTopic {
  public static final String TOPIC = "kooch.collector-state.v1";

  private CollectorStateTopic() {}

  /**
   * The committed value of every key that starts with {@code keyPrefix} (a deleted key is absent).
   *
   * <p>Reads with read_committed up to the end the partitions had when the read began. Up to, not
   * up to the last stable offset: another collector's open transaction holds that back, and a
   * committed state written after it would be missed. Such a transaction ends within the
   * producers' transaction timeout, so the read waits at most about that long. The caller's own
   * transaction from before a crash must have been aborted first ({@code initTransactions} of a
   * producer with the same transactional id does that).
   */
  public static Map<String, byte[]> read(KafkaSettings settings, String keyPrefix, Duration timeout) {
    Map<String, byte[]> out = new HashMap<>();
    try (Admin admin = Admin.create(settings.clientProperties());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(settings))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var p : admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()) {
        latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
      consumer.assign(end.keySet());
      consumer.seekToBeginning(end.keySet());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + TOPIC + " to offsets " + end + " within " + timeout
              + ": a transaction of another collector stays open?");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          if (!key.startsWith(keyPrefix)) {
            continue;
          }
          if (r.value() == null) {
            out.remove(key);
          } else {
            out.put(key, r.value());
          }
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + TOPIC, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read " + TOPIC + " at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    }
  }

  private static Properties consumerProperties(KafkaSettings settings) {
    Properties p = settings.clientProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }
}
