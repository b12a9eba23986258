package org.kooch.ingest.collect;

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
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;

/**
 * Everything a topic holds now, read by assigning all its partitions up to their end offsets: no
 * consumer group, so nothing waits for a rebalance and nothing is missed; committed records only, as
 * the job reads them. Tests share one broker,
 * so they filter what they read (by channel and by their own fixed collection time).
 */
public final class TopicContents {
  private TopicContents() {}

  public static List<ConsumerRecord<byte[], byte[]>> read(KafkaSettings settings, String topic) {
    Properties p = settings.clientProperties();
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    // As the job reads: a collector's records count once its transaction committed.
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 20_000;
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end");
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  public static List<Post> posts(KafkaSettings settings, String platform, String channel) {
    return read(settings, RecordType.POST.topic()).stream()
        .map(r -> (Post) RecordType.POST.decode(r.value()))
        .filter(p -> p.getPlatform().equals(platform) && p.getChannel().equals(channel))
        .toList();
  }

  public static List<SubscriberCount> counts(KafkaSettings settings, String platform, String channel) {
    return read(settings, RecordType.SUBSCRIBERS.topic()).stream()
        .map(r -> (SubscriberCount) RecordType.SUBSCRIBERS.decode(r.value()))
        .filter(s -> s.getPlatform().equals(platform) && s.getChannel().equals(channel))
        .toList();
  }

  public static List<ChannelProfile> profiles(KafkaSettings settings, String platform, String channel) {
    return read(settings, RecordType.PROFILE.topic()).stream()
        .map(r -> (ChannelProfile) RecordType.PROFILE.decode(r.value()))
        .filter(s -> s.getPlatform().equals(platform) && s.getChannel().equals(channel))
        .toList();
  }

  public static List<DeadLetter> deadLetters(KafkaSettings settings, String source) {
    return read(settings, RecordType.DEAD_LETTER_TOPIC).stream()
        .map(r -> decodeDead(r.value()))
        .filter(d -> d.getSource().equals(source))
        .toList();
  }

  private static DeadLetter decodeDead(byte[] bytes) {
    return DeadLetters.decode(bytes);
  }
}
