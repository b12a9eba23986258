package org.kooch.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.TimedRecord;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordKeys;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;

/**
 * A simulated scenario as collectors would deliver it: in arrival order, one simulated day at a
 * time, followed by end-of-stream markers: records far in the future in a channel of their own, in
 * every partition, so that a streaming job's watermark passes every real day and closes it, as a
 * bounded run does at end of input. Every run (reference and faulty) gets the same records,
 * markers included.
 */
final class ScenarioFeed {
  /**
   * The marker's day: rows dated from here on are not closed in a streaming run. Today (UTC, fixed
   * once per test JVM): far past every simulated day, yet within the record contract, which refuses
   * times more than a day ahead (a marker in 2100 would be dead-lettered and close nothing).
   */
  static final String END_OF_STREAM_DAY = LocalDate.now(ZoneOffset.UTC).toString();
  private static final String MARKER_CHANNEL = "kooch_test_end_of_stream";
  private static final String MARKER_SOURCE = "fault-injection-test";

  private final List<List<SpecificRecord>> days;

  private ScenarioFeed(List<List<SpecificRecord>> days) {
    this.days = days;
  }

  static ScenarioFeed of(String scenario) throws Exception {
    TreeMap<LocalDate, List<SpecificRecord>> byDay = new TreeMap<>();
    for (TimedRecord r : ScenarioSimulator.run(Scenario.load(scenario)).records()) {
      byDay.computeIfAbsent(r.arrival().atZone(ZoneOffset.UTC).toLocalDate(), d -> new ArrayList<>()).add(r.record());
    }
    return new ScenarioFeed(new ArrayList<>(byDay.values()));
  }

  int days() {
    return days.size();
  }

  /** The records that arrive on simulated day {@code d}. */
  List<SpecificRecord> day(int d) {
    return days.get(d);
  }

  long records() {
    return days.stream().mapToLong(List::size).sum();
  }

  /** Publishes simulated days {@code from} (inclusive) to {@code to}, pausing after each day. */
  long publishDays(RecordPublisher publisher, int from, int to, long pauseMillis) throws InterruptedException {
    long n = 0;
    for (int d = from; d < Math.min(to, days.size()); d++) {
      for (SpecificRecord r : days.get(d)) {
        publisher.publish(r);
        n++;
      }
      publisher.flush();
      if (pauseMillis > 0) {
        Thread.sleep(pauseMillis);
      }
    }
    return n;
  }

  /**
   * The end-of-stream markers, one record of each type into each partition of its topic, so that
   * every partition's event time passes the last real day at once; returns how many.
   */
  static int publishEndOfStream(KafkaSettings kafka) throws Exception {
    Instant at = Instant.parse(END_OF_STREAM_DAY + "T00:00:00Z");
    List<SpecificRecord> markers = List.of(
        Post.newBuilder().setPlatform("telegram").setChannel(MARKER_CHANNEL).setPostId(1).setPublishedAt(at).setCollectedAt(at)
            .setText("").setLinks(List.of()).setSource(MARKER_SOURCE).build(),
        SubscriberCount.newBuilder().setPlatform("telegram").setChannel(MARKER_CHANNEL).setObservedAt(at).setSubscribers(0)
            .setSource(MARKER_SOURCE).build(),
        ChannelProfile.newBuilder().setPlatform("telegram").setChannel(MARKER_CHANNEL).setObservedAt(at).setLinks(List.of())
            .setSource(MARKER_SOURCE).build(),
        PlatformStat.newBuilder().setPlatform("telegram").setObservedAt(at).setReportedUsers(0).setSource(MARKER_SOURCE).build());
    Properties p = kafka.clientProperties();
    p.put("acks", "all");
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    int n = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (SpecificRecord marker : markers) {
        RecordType type = RecordType.of(marker);
        for (PartitionInfo partition : producer.partitionsFor(type.topic())) {
          producer.send(new ProducerRecord<>(type.topic(), partition.partition(), RecordKeys.keyBytes(marker), type.encode(marker))).get();
          n++;
        }
      }
    }
    return n;
  }

  /** Distinct posts among the first {@code days} simulated days: {@code v_posts} has this many once they landed. */
  long postsUpTo(int days) {
    return this.days.subList(0, Math.min(days, this.days.size())).stream()
        .flatMap(List::stream)
        .filter(r -> r instanceof Post)
        .map(r -> RecordKeys.key(r) + "/" + ((Post) r).getPostId())
        .distinct()
        .count();
  }
}
