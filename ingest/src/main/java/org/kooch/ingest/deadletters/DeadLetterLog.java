package org.kooch.ingest.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RecordType;

/**
 * The dead-letter topic as operators read it: every refused input once. The topic is written at
 * least once (an import run twice, a job replaying after a restart write the same refusal again),
 * so a refusal is identified by its source and location, and the latest dead letter of each is
 * the one shown. Reads the topic as it is when the read starts, without a consumer group, so it
 * never moves anyone's offsets.
 */
public final class DeadLetterLog {
  private final KafkaSettings kafka;

  public DeadLetterLog(KafkaSettings kafka) {
    this.kafka = kafka;
  }

  /** A dead letter, or bytes on the topic that are not one (shown, never skipped in silence). */
  public record Entry(int partition, long offset, DeadLetter letter, String unreadable) {}

  /**
   * Calls {@code out} with the latest dead letter of each (source, location) failed at or after
   * {@code since} and kept by {@code filter}, oldest first per partition; with {@code
   * withUnreadable}, also with each record on the topic that is not a dead letter.
   *
   * @return how many dead letters were on the topic in that time, repeats included
   */
  public long read(Instant since, Predicate<DeadLetter> filter, boolean withUnreadable, Consumer<Entry> out) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      if (partitions.isEmpty()) {
        return 0;
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> starts = starts(consumer, partitions, since, ends);
      // First pass: where the latest dead letter of each refusal is. Second: hand out those.
      Map<String, long[]> latest = new HashMap<>();
      long[] total = {0};
      scan(consumer, starts, ends, (r, entry) -> {
        if (entry.letter() == null) {
          if (withUnreadable) {
            latest.put("unreadable@" + r.partition() + "@" + r.offset(), new long[] {r.partition(), r.offset()});
          }
          return;
        }
        DeadLetter d = entry.letter();
        if (since != null && d.getFailedAt().isBefore(since)) {
          return;
        }
        total[0]++;
        if (filter.test(d)) {
          latest.put(d.getSource() + "\u0000" + d.getLocation(), new long[] {r.partition(), r.offset()});
        }
      });
      Set<Long> chosen = new HashSet<>();
      latest.values().forEach(c -> chosen.add(c[0] << 48 | c[1]));
      scan(consumer, starts, ends, (r, entry) -> {
        if (chosen.contains(((long) r.partition()) << 48 | r.offset())) {
          out.accept(entry);
        }
      });
      return total[0];
    }
  }

  private interface Visitor {
    void visit(ConsumerRecord<byte[], byte[]> record, Entry entry);
  }

  private static void scan(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, Visitor visitor) {
    List<TopicPartition> open = new ArrayList<>();
    starts.forEach((tp, start) -> {
      if (start < ends.get(tp)) {
        open.add(tp);
      }
    });
    consumer.assign(open);
    open.forEach(tp -> consumer.seek(tp, starts.get(tp)));
    while (!open.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < ends.get(tp)) {
          visitor.visit(r, entry(r));
        }
      }
      open.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
      consumer.assign(open);
    }
  }

  private static Entry entry(ConsumerRecord<byte[], byte[]> r) {
    try {
      return new Entry(r.partition(), r.offset(), DeadLetters.decode(r.value()), null);
    } catch (RuntimeException e) {
      return new Entry(r.partition(), r.offset(), null, "not a dead letter: " + e.getMessage());
    }
  }

  /** Where reading starts: the first record written at or after {@code since} (Kafka's timestamps). */
  private static Map<TopicPartition, Long> starts(
      KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant since, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> starts = new HashMap<>(consumer.beginningOffsets(partitions));
    if (since != null) {
      Map<TopicPartition, Long> at = new HashMap<>();
      // A dead letter is written after it failed: an hour's margin for clocks and slow flushes.
      partitions.forEach(tp -> at.put(tp, since.minus(Duration.ofHours(1)).toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
      found.forEach((tp, o) -> starts.put(tp, o == null ? ends.get(tp) : o.offset()));
    }
    return starts;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(RecordType.DEAD_LETTER_TOPIC, Duration.ofSeconds(30));
    return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = kafka.clientProperties();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(2 << 20));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
