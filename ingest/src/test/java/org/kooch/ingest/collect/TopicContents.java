package org.kooch.ingest.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
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
 * Everything a topic holds now, read by assigning all its partitions: no consumer group, so nothing
 * waits for a rebalance; committed records only, as the job reads them. Tests share one broker, so
 * they filter what they read (by channel and by their own fixed collection time).
 *
 * <p>"Now" is each partition's log end offset (the high watermark) when the read starts, not the
 * end a read_committed consumer reports, which is the last stable offset: the first offset of the
 * oldest transaction still open on the partition. A producer's {@code commitTransaction} returns
 * once the coordinator has logged the commit, before the commit markers are in the partitions, so
 * right after a commit the last stable offset can still lie before the records just committed; any
 * other open transaction on the partition holds it back in the same way. Reading only to it would
 * return without those records, and without an error. So the read goes on until the read_committed
 * position passes the log end offset, which it does once every transaction in that range has ended.
 */
public final class TopicContents {
  /**
   * How long a read waits for the transactions before the log end offset to end: more than a
   * producer's default transaction timeout (60 s), after which the broker aborts an abandoned one.
   */
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private TopicContents() {}

  public static List<ConsumerRecord<byte[], byte[]>> read(KafkaSettings settings, String topic) {
    return read(settings, topic, TIMEOUT);
  }

  /** As {@link #read(KafkaSettings, String)}; fails when the records up to the log end are not all decided within {@code timeout}. */
  static List<ConsumerRecord<byte[], byte[]>> read(KafkaSettings settings, String topic, Duration timeout) {
    Properties p = settings.clientProperties();
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    // As the job reads: a collector's records count once its transaction committed.
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (Admin admin = Admin.create(settings.clientProperties());
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      Map<TopicPartition, Long> end = logEndOffsets(admin, partitions);
      c.assign(partitions);
      c.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          Map<TopicPartition, Long> at = new HashMap<>();
          partitions.forEach(tp -> at.put(tp, c.position(tp)));
          throw new AssertionError("could not read " + topic + " to its log end offsets " + end + " within " + timeout
              + ": read_committed positions stay at " + at + " (a transaction left open?)");
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The high watermark of each partition: what a read_uncommitted reader would read up to. */
  private static Map<TopicPartition, Long> logEndOffsets(Admin admin, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    try {
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
          .forEach((tp, info) -> end.put(tp, info.offset()));
      return end;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the end offsets of " + partitions, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list the end offsets of " + partitions + ": " + e.getCause().getMessage(), e);
    }
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
