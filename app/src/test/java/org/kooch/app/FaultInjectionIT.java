package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.KafkaConnectors;
import org.kooch.streaming.KoochJob;
import org.kooch.streaming.clickhouse.RetryPolicy;

/**
 * "Exactly once into ClickHouse" (docs/delivery.md), proven by breaking real processes mid-stream:
 * the job's process is killed (SIGKILL) and resumed from its retained checkpoint; the broker's
 * process is killed (SIGKILL) while records are being published and the job reads, and started
 * again on the same port and data; ClickHouse stays down until the sinks give up and the job fails
 * over. Each run lands the 2018 scenario into a fresh database while it is being published, with a
 * few inputs the job must refuse ({@link BadInputs}); afterwards every {@code v_*} view and every
 * table's logical rows must equal those of a clean bounded reference run (each logical row once,
 * none missing), and each refused input must have exactly one dead letter.
 *
 * <p>The simulation compresses time (about 3 simulated days per second). While the broker or
 * ClickHouse is down, two simulated days are published; while the job is down, fifteen: a backlog
 * longer than channel_daily's 7-day allowed lateness, which the resumed job must still place in the
 * right days (event time is tracked per Kafka partition, so reading the backlog a partition at a
 * time makes no event late).
 */
class FaultInjectionIT {
  private static final Duration CHECKPOINTS = Duration.ofSeconds(1);
  private static final long DAY_PAUSE_MS = 300;
  /** Simulated days published before the fault, and while it lasts. */
  private static final int FAULT_DAY = 30;
  private static final int DAYS_DURING_FAULT = 2;
  private static final int DAYS_WHILE_JOB_DOWN = 15;
  private static final String GROUP = "kooch-landing";
  /** The sinks give up on ClickHouse after 8 s (5 min in production), so the test's outage can outlast it briefly. */
  private static final RetryPolicy GIVE_UP_SOON = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(8));
  /** Task attempt numbers in Flink's task names, "posts (1/2)#3": one number per failover. */
  private static final Pattern ATTEMPT = Pattern.compile("\\(\\d+/\\d+\\)#(\\d+)");

  @TempDir static Path tmp;
  private static ScenarioFeed feed;
  private static TableSnapshot reference;

  @BeforeAll
  static void referenceRun() throws Exception {
    feed = ScenarioFeed.of(Scenario.IRAN_2018);
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("fault_ref");
    long start = System.nanoTime();
    try (EmbeddedKafka broker = startBroker(tmp.resolve("ref/kafka"), 0)) {
      KafkaSettings kafka = kafka(broker);
      try (RecordPublisher publisher = new RecordPublisher(kafka)) {
        feed.publishDays(publisher, 0, feed.days(), 0);
      }
      ScenarioFeed.publishEndOfStream(kafka);
      JobRunner.environment(kafka, ch, true, 2, CHECKPOINTS, tmp.resolve("ref/state"), null).execute("reference (bounded)");
    }
    reference = TableSnapshot.of(ch, ScenarioFeed.END_OF_STREAM_DAY);
    report("reference", "%d records, %d simulated days; bounded run in %.1f s; %s",
        feed.records(), feed.days(), seconds(start), reference.relations().keySet().stream()
            .map(r -> r + "=" + reference.rows(r)).toList());
    assertThat(reference.rows("view v_posts")).isEqualTo(feed.postsUpTo(feed.days())).isPositive();
    assertThat(reference.rows("view v_subscriber_snapshots")).isPositive();
    assertThat(reference.rows("view v_channel_daily")).isPositive();
    reference.relations().forEach((name, rows) -> assertThat(rows.values()).as(name + " repeats a row").allMatch(n -> n == 1));
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void jobKilledMidStreamResumesFromItsLastCheckpoint() throws Exception {
    Path dir = tmp.resolve("kill");
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("fault_kill");
    Path checkpoints = JobRunner.checkpointDir(dir.resolve("state"));
    long start = System.nanoTime();
    try (EmbeddedKafka broker = startBroker(dir.resolve("kafka"), 0);
        RecordPublisher publisher = new RecordPublisher(kafka(broker))) {
      String[] run = {
        "run", "--kafka", broker.bootstrapServers(), "--clickhouse", ch.url(), "--database", ch.database(),
        "--state-dir", dir.resolve("state").toString(), "--checkpoint-interval", CHECKPOINTS.toSeconds() + "s"
      };
      Path resumable;
      BadInputs bad;
      try (KoochProcess first = KoochProcess.start(dir.resolve("run-1.log"), run)) {
        feedUntilFault(publisher, ch, dir.resolve("state"), first::isAlive);
        bad = BadInputs.publish(kafka(broker));
        // Mid-stream: 300 ms after the last day was published, its rows are typically still in the
        // sinks' buffers and in no checkpoint, some in ClickHouse but not yet checkpointed.
        first.kill();
        resumable = CheckpointResume.latest(checkpoints).orElseThrow();
        assertThat(first.output()).contains("no retained checkpoint");
      }
      long landedAtKill = count(ch, "v_posts");
      long uncommittedAtKill = lag(kafka(broker)); // read again by the resumed job
      feed.publishDays(publisher, FAULT_DAY, FAULT_DAY + DAYS_WHILE_JOB_DOWN, 0); // collectors go on while the job is down
      try (KoochProcess second = KoochProcess.start(dir.resolve("run-2.log"), run)) {
        awaitLanded(ch, FAULT_DAY + DAYS_WHILE_JOB_DOWN, second::isAlive);
        assertThat(second.output()).contains("resuming from checkpoint " + resumable);
        feedTheRest(publisher, kafka(broker), FAULT_DAY + DAYS_WHILE_JOB_DOWN);
        assertSameAsReference(ch, kafka(broker), "job kill", second::isAlive);
        long letters = bad.assertEachDeadLetteredOnce(kafka(broker), "job kill");
        // The new job restored that checkpoint: it numbers on from it, and (claim mode) deleted it once subsumed.
        awaitTrue("the resumed checkpoint subsumed", () -> !Files.exists(resumable), second::isAlive);
        Path latest = CheckpointResume.latest(checkpoints).orElseThrow();
        assertThat(latest.getParent()).isNotEqualTo(resumable.getParent());
        assertThat(checkpointNumber(latest)).isGreaterThan(checkpointNumber(resumable));
        report("job kill", "killed (SIGKILL) after %d of %d days, %d of %d posts landed, %d records not committed; %d days published while down;"
                + " resumed from %s, now at %s; %s; raw rows not merged yet: %s; %d bad inputs, %d dead letters, each input once by (source, location); %.1f s",
            FAULT_DAY, feed.days(), landedAtKill, feed.postsUpTo(FAULT_DAY), uncommittedAtKill, DAYS_WHILE_JOB_DOWN, dir.relativize(resumable),
            latest.getFileName(), totals(ch), TableSnapshot.physicalDuplicates(ch), bad.count(), letters, seconds(start));
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void brokerProcessKilledMidPublishAndMidJob() throws Exception {
    Path dir = tmp.resolve("broker");
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("fault_broker");
    long start = System.nanoTime();
    try (BrokerProcess broker = BrokerProcess.start(dir.resolve("kafka"), OwnClickHouse.freePort()); LogCapture log = new LogCapture()) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      awaitTopicsLed(kafka);
      try (RecordPublisher publisher = new RecordPublisher(outageProofPublisher(kafka))) {
        JobClient job = JobRunner.environment(kafka, ch, false, 2, CHECKPOINTS, dir.resolve("state"), null).executeAsync("broker kill");
        try {
          feedUntilFault(publisher, ch, dir.resolve("state"), () -> running(job));
          BadInputs bad = BadInputs.publish(kafka);
          // Mid-publish: half of a day is in the producer's hands (some of it acknowledged, some in
          // flight or buffered) when the broker dies; the job is reading all along.
          List<SpecificRecord> day = feed.day(FAULT_DAY);
          int half = day.size() / 2;
          day.subList(0, half).forEach(publisher::publish);
          broker.kill();
          long killed = System.nanoTime();
          // Collectors go on: the producer holds the rest, and retries what was in flight, until the broker is back.
          CompletableFuture<Long> duringOutage = CompletableFuture.supplyAsync(() -> {
            day.subList(half, day.size()).forEach(publisher::publish);
            publisher.flush();
            return day.size() + publish(publisher, FAULT_DAY + 1, FAULT_DAY + DAYS_DURING_FAULT);
          });
          Thread.sleep(5_000);
          broker.restart();
          double down = seconds(killed);
          long published = duringOutage.get(3, TimeUnit.MINUTES);
          awaitLanded(ch, FAULT_DAY + DAYS_DURING_FAULT, () -> running(job));
          feedTheRest(publisher, kafka, FAULT_DAY + DAYS_DURING_FAULT);
          assertSameAsReference(ch, kafka, "broker kill", () -> running(job));
          long letters = bad.assertEachDeadLetteredOnce(kafka, "broker kill");
          assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
          report("broker kill", "broker killed (SIGKILL) after %d days and %d of day %d's %d records, down %.1f s; %d records published"
                  + " across the outage, none lost; task failures: %d, failovers: %d; %s; %d bad inputs, %d dead letters, each input once"
                  + " by (source, location); %.1f s",
              FAULT_DAY, half, FAULT_DAY, day.size(), down, published, log.count(".Task", "to FAILED"), failovers(log), totals(ch), bad.count(),
              letters, seconds(start));
        } finally {
          cancel(job);
        }
      }
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void clickHouseDownPastTheSinksGiveUpTimeFailsTheJobOverAndConverges() throws Exception {
    assumeTrue(OwnClickHouse.available(), "needs the clickhouse-server binary for a private instance");
    Path dir = tmp.resolve("clickhouse");
    long start = System.nanoTime();
    try (OwnClickHouse server = OwnClickHouse.start(dir.resolve("ch-state"));
        EmbeddedKafka broker = startBroker(dir.resolve("kafka"), 0);
        LogCapture log = new LogCapture();
        RecordPublisher publisher = new RecordPublisher(kafka(broker))) {
      ClickHouseSettings ch = server.freshDatabase("fault_clickhouse");
      JobSettings settings = JobRunner.settings(kafka(broker), ch, false, GROUP).withClickhouseRetry(GIVE_UP_SOON);
      StreamExecutionEnvironment env = FlinkEnvironments.local(2, CHECKPOINTS, JobRunner.checkpointDir(dir.resolve("state")), null);
      new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
      JobClient job = env.executeAsync("clickhouse down");
      try {
        feedUntilFault(publisher, ch, dir.resolve("state"), () -> running(job));
        BadInputs bad = BadInputs.publish(kafka(broker));
        server.stop();
        long stopped = System.nanoTime();
        long lagAtStop = lag(kafka(broker));
        long published = publish(publisher, FAULT_DAY, FAULT_DAY + DAYS_DURING_FAULT);
        // Down until a sink gave up and the job failed over: longer than the give-up time by construction.
        awaitTrue("a sink giving up on ClickHouse and the job failing over", () -> gaveUp(log) > 0, () -> running(job));
        long lagInOutage = lag(kafka(broker));
        long retriesInOutage = log.count("ClickHouseSinkWriter", "retrying");
        server.start();
        double down = seconds(stopped);
        long restarted = System.nanoTime();
        awaitLanded(ch, FAULT_DAY + DAYS_DURING_FAULT, () -> running(job));
        double recovered = seconds(restarted);
        feedTheRest(publisher, kafka(broker), FAULT_DAY + DAYS_DURING_FAULT);
        assertSameAsReference(ch, kafka(broker), "clickhouse down", () -> running(job));
        long letters = bad.assertEachDeadLetteredOnce(kafka(broker), "clickhouse down");

        // Retried, gave up, failed over, and ran on from the last checkpoint.
        assertThat(retriesInOutage).isPositive();
        assertThat(failovers(log)).isPositive();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        // No checkpoint completed while the sinks could not write, before the failover nor after it:
        // the Kafka offsets of the records published meanwhile stayed uncommitted.
        assertThat(lagInOutage).isGreaterThanOrEqualTo(published);
        awaitTrue("offsets committed after recovery", () -> lag(kafka(broker)) == 0, () -> running(job));
        report("clickhouse down", "down %.1f s after %d days (sinks give up after %d s); %d records published meanwhile; consumer lag %d at stop,"
                + " %d at restart, 0 after; %d insert retries (WARN) during the outage; %d sink(s) gave up, %d failover(s); caught up %.1f s"
                + " after restart; %s; %d bad inputs, %d dead letters, each input once by (source, location); %.1f s",
            down, FAULT_DAY, GIVE_UP_SOON.giveUpAfter().toSeconds(), published, lagAtStop, lagInOutage, retriesInOutage, gaveUp(log),
            failovers(log), recovered, totals(ch), bad.count(), letters, seconds(start));
      } finally {
        cancel(job);
      }
    }
  }

  /** Tasks that failed because a ClickHouse sink gave up retrying. */
  private static long gaveUp(LogCapture log) {
    return log.lines().stream().filter(l -> l.logger().endsWith(".Task") && l.message().contains("to FAILED")
        && l.thrown().contains("gave up retrying")).count();
  }

  /** Failovers seen in the task failures: each has its own attempt number. */
  private static long failovers(LogCapture log) {
    return log.lines().stream().filter(l -> l.logger().endsWith(".Task") && l.message().contains("to FAILED"))
        .map(l -> ATTEMPT.matcher(l.message())).filter(Matcher::find).map(m -> m.group(1)).distinct().count();
  }

  /**
   * The publisher's settings for a broker that may be down for a while: a send fails only when it
   * was not acknowledged within delivery.timeout.ms (two minutes by default, said here because
   * the test relies on it: longer than the broker's restart). Until then the idempotent producer
   * retries, without duplicates, whatever was in flight when the broker died.
   */
  private static KafkaSettings outageProofPublisher(KafkaSettings kafka) {
    Properties extra = new Properties();
    extra.put("delivery.timeout.ms", "120000");
    return new KafkaSettings(kafka.bootstrapServers(), kafka.partitions(), kafka.replication(), extra);
  }

  /** Starts the feed once the job consumes, publishes up to the fault, waits for a completed checkpoint. */
  private static void feedUntilFault(RecordPublisher publisher, ClickHouseSettings ch, Path state, BooleanSupplier jobAlive)
      throws Exception {
    feed.publishDays(publisher, 0, 1, 0);
    awaitLanded(ch, 1, jobAlive);
    feed.publishDays(publisher, 1, FAULT_DAY, DAY_PAUSE_MS);
    awaitTrue("a completed checkpoint", () -> CheckpointResume.latest(JobRunner.checkpointDir(state)).isPresent(), jobAlive);
  }

  private static void feedTheRest(RecordPublisher publisher, KafkaSettings kafka, int fromDay) throws Exception {
    feed.publishDays(publisher, fromDay, feed.days(), DAY_PAUSE_MS);
    ScenarioFeed.publishEndOfStream(kafka);
  }

  private static long publish(RecordPublisher publisher, int from, int to) {
    try {
      return feed.publishDays(publisher, from, to, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until every view and table equals the reference; fails with the differences if it never does. */
  private static void assertSameAsReference(ClickHouseSettings ch, KafkaSettings kafka, String fault, BooleanSupplier jobAlive)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<String> differences;
    do {
      Thread.sleep(2_000);
      differences = TableSnapshot.of(ch, ScenarioFeed.END_OF_STREAM_DAY).differencesFrom(reference);
    } while (!differences.isEmpty() && jobAlive.getAsBoolean() && System.nanoTime() < deadline);
    if (!differences.isEmpty()) {
      // Events too late for channel_daily (more than 7 days behind their partition's event time)
      // go to the dead-letter topic by design: count them, to tell lateness apart from loss.
      long tooLate = TestKafka.readAll(kafka, RecordType.DEAD_LETTER_TOPIC, Integer.MAX_VALUE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("flink:channel-daily"))
          .count();
      differences.add(tooLate + " events went to the dead-letter topic as too late for channel_daily");
    }
    assertThat(differences).as("after the " + fault + ", compared with the clean bounded run").isEmpty();
  }

  private static long checkpointNumber(Path chk) {
    return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
  }

  private static void awaitLanded(ClickHouseSettings ch, int days, BooleanSupplier jobAlive) throws Exception {
    long want = feed.postsUpTo(days);
    awaitTrue("the posts of " + days + " days (" + want + ") in v_posts", () -> count(ch, "v_posts") == want, jobAlive);
  }

  private static void awaitTrue(String what, BooleanSupplier condition, BooleanSupplier jobAlive) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertThat(jobAlive.getAsBoolean()).as("job alive while waiting for " + what).isTrue();
      assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static long count(ClickHouseSettings ch, String relation) {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      return g.queryLong("SELECT count() FROM " + relation);
    } catch (RuntimeException e) {
      return -1; // ClickHouse down or restarting
    }
  }

  private static String totals(ClickHouseSettings ch) {
    TableSnapshot s = TableSnapshot.of(ch, ScenarioFeed.END_OF_STREAM_DAY);
    return s.relations().keySet().stream().filter(r -> r.startsWith("view ")).map(r -> r.substring(5) + "=" + s.rows(r)).toList()
        + " equal to the reference";
  }

  /** Records in the data topics that the job has not committed (Flink commits offsets when a checkpoint completes). */
  private static long lag(KafkaSettings kafka) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : RecordType.dataTopics()) {
        for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
          latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
      }
      long lag = 0;
      for (var e : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the consumer lag", e);
    }
  }

  /** Cancels the job unless it already ended (then its failure, if any, is the test's result). */
  private static void cancel(JobClient job) throws Exception {
    if (running(job)) {
      job.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  private static boolean running(JobClient job) {
    try {
      JobStatus s = job.getJobStatus().get(10, TimeUnit.SECONDS);
      return !s.isGloballyTerminalState();
    } catch (Exception e) {
      return false;
    }
  }

  /** A broker of the test's own, with Kooch's topics (each run starts with empty topics), once it leads every partition. */
  private static EmbeddedKafka startBroker(Path dir, int port) throws Exception {
    EmbeddedKafka broker = EmbeddedKafka.start(dir, port);
    try {
      awaitTopicsLed(kafka(broker));
    } catch (Exception e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /**
   * Creates Kooch's topics and waits until the broker leads every partition: an idempotent
   * producer that writes to a partition the broker does not lead yet can be left with an
   * out-of-order sequence and fail its sends after two minutes.
   */
  static void awaitTopicsLed(KafkaSettings kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      TopicAdmin.ensureTopics(kafka);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (true) {
        try {
          Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
          for (var topic : admin.describeTopics(List.of(RecordType.dataTopics())).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
          }
          admin.listOffsets(partitions).all().get(); // answered by each partition's leader
          return;
        } catch (ExecutionException notYet) { // unknown topic or partition, not the leader yet
          if (System.nanoTime() > deadline) {
            throw notYet;
          }
          Thread.sleep(100);
        }
      }
    }
  }

  private static KafkaSettings kafka(EmbeddedKafka broker) {
    return KafkaSettings.of(broker.bootstrapServers());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void report(String fault, String format, Object... args) {
    System.out.println("[fault-injection] " + fault + ": " + String.format(format, args));
  }
}
