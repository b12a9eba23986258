package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.ingest.collect.LocalSite.Answer.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/**
 * A collector ({@code kooch collect telegram-web} in a JVM of its own, against a local t.me serving
 * recorded pages) killed (SIGKILL) between Kafka's acknowledgement of a channel's records and the
 * save of the channel's state: once before the commit of the transaction that holds both, once
 * after it but before the readable copy of the state was written. After a run to the end, every
 * post of the recorded pages is in the posts topic exactly once for a read_committed consumer (the
 * landing job's view), none lost and none twice. The test-only pause (environment variables {@code
 * KOOCH_TEST_PAUSE_AFTER_FLUSH}, {@code KOOCH_TEST_PAUSE_AFTER_COMMIT}) makes the collector stop
 * exactly there; the test waits for its marker file, then kills the process.
 */
class CollectorKillIT {
  /** The recorded khamenei_ir pages hold posts 30761..30774. */
  private static final List<Long> RECORDED_POSTS = LongStream.rangeClosed(30761, 30774).boxed().toList();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aCollectorKilledBetweenKafkasAcknowledgementAndItsStateSaveLosesNoPostAndRepeatsNone(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
    long start = System.nanoTime();
    try (LocalSite site = LocalSite.start()) {
      for (String channel : List.of("fault_kill_a", "fault_kill_b")) {
        site.on("/s/" + channel, recorded("khamenei_ir.html", channel));
        site.on("/s/" + channel + "?before=30770", recorded("khamenei_ir-before-30770.html", channel));
        site.on("/s/" + channel + "?before=30765", recorded("khamenei_ir-before-30765.html", channel));
        site.on("/" + channel, recorded("khamenei_ir-page.html", channel));
      }
      String[] collect = {
        "collect", "telegram-web", "--channels", "fault_kill_a,fault_kill_b", "--base-url", site.url().toString(),
        "--kafka", kafka.bootstrapServers(), "--state-dir", dir.resolve("state").toString(), "--request-interval", "0ms", "--max-pages", "5"
      };

      String first = runUntilPausedAndKill(dir, 1, "KOOCH_TEST_PAUSE_AFTER_FLUSH", collect);
      String second = runUntilPausedAndKill(dir, 2, "KOOCH_TEST_PAUSE_AFTER_COMMIT", collect);
      assertThat(dir.resolve("state/collectors/telegram-web/fault_kill_a.json")).as("killed before the readable copy").doesNotExist();
      String third;
      try (KoochProcess run = KoochProcess.start(dir.resolve("collect-3.log"), collect)) {
        assertThat(run.waitFor(120)).as(run.output()).isZero();
        third = run.output();
      }

      // Run 2 published fault_kill_a again (run 1's transaction was aborted); run 3 found run 2's
      // state in Kafka, though not in the state directory, and published none of it again.
      assertThat(first).contains("paused at AFTER_FLUSH").doesNotContain("fault_kill_a: 14 new posts");
      assertThat(second).contains("paused at AFTER_COMMIT").doesNotContain("fault_kill_a: 14 new posts");
      assertThat(third).contains("telegram-web @fault_kill_a: 0 new posts, 1 subscriber count\n")
          .contains("telegram-web @fault_kill_b: 14 new posts, 1 subscriber count, profile changed")
          .contains("2 of 2 channels collected");
      assertThat(Files.readString(dir.resolve("state/collectors/telegram-web/fault_kill_b.json"))).contains("\"highestPostId\" : 30774");

      Map<Long, Long> a = postIds(kafka, "fault_kill_a", "read_committed");
      Map<Long, Long> b = postIds(kafka, "fault_kill_b", "read_committed");
      Map<Long, Long> aWithAborted = postIds(kafka, "fault_kill_a", "read_uncommitted");
      assertThat(a).as("fault_kill_a's posts, committed: each once").containsOnlyKeys(RECORDED_POSTS).allSatisfy((id, n) -> assertThat(n).isOne());
      assertThat(b).as("fault_kill_b's posts, committed: each once").containsOnlyKeys(RECORDED_POSTS).allSatisfy((id, n) -> assertThat(n).isOne());
      // The kill after Kafka's acknowledgement left run 1's copies in the log, aborted.
      assertThat(aWithAborted).as("fault_kill_a's posts, aborted ones included").containsOnlyKeys(RECORDED_POSTS)
          .allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
      System.out.printf("[fault-injection] collector kill: killed after Kafka acknowledged fault_kill_a's %d posts and state (aborted),"
              + " then after the commit before the state file; %d posts published in all, each once for read_committed consumers"
              + " (%d records of fault_kill_a in the log, %d aborted); 3 runs in %.1f s%n",
          RECORDED_POSTS.size(), a.size() + b.size(), sum(aWithAborted), sum(aWithAborted) - sum(a), (System.nanoTime() - start) / 1e9);
    }
  }

  /** Runs the collector until it pauses at the point {@code pauseVariable} names, then kills it; its output. */
  private static String runUntilPausedAndKill(Path dir, int run, String pauseVariable, String... args) throws Exception {
    Path marker = dir.resolve("paused-" + run);
    try (KoochProcess p = KoochProcess.start(dir.resolve("collect-" + run + ".log"), Map.of(pauseVariable, marker.toString()), args)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!Files.exists(marker)) {
        assertThat(p.isAlive()).as("collector run " + run + " alive until it pauses; its output:\n" + p.output()).isTrue();
        assertThat(System.nanoTime()).as("collector run " + run + " paused within a minute; its output:\n" + p.output()).isLessThan(deadline);
        Thread.sleep(100);
      }
      p.kill();
      return p.output();
    }
  }

  /** How many times each post of {@code channel} is in the posts topic, read at {@code isolation}. */
  private static Map<Long, Long> postIds(KafkaSettings kafka, String channel, String isolation) {
    Properties p = kafka.clientProperties();
    p.put("isolation.level", isolation);
    p.put("enable.auto.commit", "false");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    String topic = RecordType.POST.topic();
    List<Post> posts = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("read " + topic + " to its end").isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          Post post;
          try {
            post = (Post) RecordType.POST.decode(r.value());
          } catch (RuntimeException notARecord) { // another test's hostile input
            continue;
          }
          if (post.getChannel().equals(channel)) {
            posts.add(post);
          }
        }
      }
    }
    return posts.stream().collect(Collectors.groupingBy(Post::getPostId, Collectors.counting()));
  }

  private static long sum(Map<Long, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Answer recorded(String page, String channel) {
    return page("telegram-web/" + page).replacing("khamenei_ir", channel);
  }
}
