package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kooch.ingest.collect.TopicContents;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordKeys;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;

/**
 * Input the job must refuse, written straight to the record topics as a careless or hostile
 * producer would, past {@code RecordPublisher}'s contract check: a post published in 1969, a
 * negative subscriber count, bytes that are no record at all. The job dead-letters each; its
 * dead-letter sink is at-least-once, so after a restart the same refusal may be written again, and
 * readers count dead letters by (source, location), as {@code kooch dead-letters} does.
 */
final class BadInputs {
  /** Each input's dead letter, as (source, location): the job's source is the topic it read. */
  private final Set<String> expected;

  private BadInputs(Set<String> expected) {
    this.expected = expected;
  }

  static BadInputs publish(KafkaSettings kafka) throws Exception {
    Instant in1969 = Instant.parse("1969-07-20T20:17:00Z");
    Post lunar = Post.newBuilder().setPlatform("telegram").setChannel("fault_bad_input").setPostId(1).setPublishedAt(in1969)
        .setCollectedAt(Instant.parse("2018-01-02T00:00:00Z")).setText("one small step").setLinks(List.of()).setSource("fault-injection-test").build();
    SubscriberCount negative = SubscriberCount.newBuilder().setPlatform("telegram").setChannel("fault_bad_input")
        .setObservedAt(Instant.parse("2018-01-02T00:00:00Z")).setSubscribers(-5).setSource("fault-injection-test").build();
    Properties p = kafka.clientProperties();
    p.put("acks", "all");
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    Set<String> expected = new TreeSet<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      List<ProducerRecord<byte[], byte[]>> bad = List.of(
          new ProducerRecord<>(RecordType.POST.topic(), RecordKeys.keyBytes(lunar), RecordType.POST.encode(lunar)),
          new ProducerRecord<>(RecordType.SUBSCRIBERS.topic(), RecordKeys.keyBytes(negative), RecordType.SUBSCRIBERS.encode(negative)),
          new ProducerRecord<>(RecordType.POST.topic(), "telegram/fault_garbage".getBytes(StandardCharsets.UTF_8),
              "\u0000\u00ffnot avro at all".getBytes(StandardCharsets.ISO_8859_1)));
      for (ProducerRecord<byte[], byte[]> r : bad) {
        RecordMetadata m = producer.send(r).get(1, TimeUnit.MINUTES);
        expected.add(key("flink:" + m.topic(), m.topic() + "-" + m.partition() + "@" + m.offset()));
      }
    }
    return new BadInputs(expected);
  }

  int count() {
    return expected.size();
  }

  /**
   * Waits (60 s at most) until each bad input has its dead letter, then asserts that the
   * dead-letter topic refuses nothing else: exactly one distinct dead letter per bad input.
   *
   * @return how many dead letters the topic holds, repeats included
   */
  long assertEachDeadLetteredOnce(KafkaSettings kafka, String run) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<DeadLetter> letters;
    Set<String> distinct;
    do {
      letters = TopicContents.read(kafka, RecordType.DEAD_LETTER_TOPIC).stream().map(r -> DeadLetters.decode(r.value())).toList();
      distinct = letters.stream().map(d -> key(d.getSource(), d.getLocation())).collect(Collectors.toCollection(TreeSet::new));
      if (distinct.containsAll(expected) || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(500);
    } while (true);
    Map<String, Long> reasons = letters.stream().collect(Collectors.groupingBy(d -> key(d.getSource(), d.getLocation()) + ": " + d.getReason(),
        HashMap::new, Collectors.counting()));
    assertThat(distinct).as(run + ": dead letters by (source, location), with their reasons and copies: " + reasons).isEqualTo(expected);
    return letters.size();
  }

  private static String key(String source, String location) {
    return source + " " + location;
  }
}
