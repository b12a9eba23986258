package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.app.alerts.WebhookReceiver;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.Post;

/**
 * Alerts end to end: posts produced to Kafka, the streaming job of {@code kooch run} (its own JVM,
 * default 10 s checkpoints), ClickHouse, the dispatcher, a real webhook receiver (HMAC checked,
 * failing first) and a real SMTP server. An announcement must reach the webhook within 60 s of
 * being produced; repeated in many posts, from both sides, and across a SIGKILL of the job and a
 * resume from its checkpoint, it must arrive exactly once, by webhook and by mail.
 */
class AlertsIT {
  private static final byte[] SECRET = "alerts-it-secret".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void anAnnouncementAlertsOnceWithinAMinuteAcrossAKillAndResume(@TempDir Path dir) throws Exception {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("alerts_e2e");
    Path state = dir.resolve("state");
    try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        WebhookReceiver webhook = new WebhookReceiver(SECRET, 1)) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      FaultInjectionIT.awaitTopicsLed(kafka);
      String[] run = {
        "run", "--kafka", broker.bootstrapServers(), "--clickhouse", ch.url(), "--database", ch.database(),
        "--state-dir", state.toString(), "--alert-webhook", webhook.url().toString(), "--alert-poll", "1s",
        "--alert-mail-to", "analysts@kooch.test", "--mail-from", "kooch@kooch.test",
        "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(smtp.getSmtp().getPort())
      };
      Map<String, String> env = Map.of("KOOCH_ALERT_WEBHOOK_SECRET", new String(SECRET, StandardCharsets.UTF_8));
      long postId = 1;
      try (RecordPublisher publisher = new RecordPublisher(kafka)) {
        try (KoochProcess first = KoochProcess.start(dir.resolve("run-1.log"), env, run)) {
          awaitTrue("the job running", () -> first.output().contains("running; Ctrl-C stops"), first);
          // A quiet post first: once it is in ClickHouse, the job reads Kafka (its source has its partitions).
          publisher.publish(post("telegram", "khamenei_ir", postId++, "سلام", List.of()));
          publisher.flush();
          awaitTrue("the first post landed", () -> count(ch, "SELECT count() FROM v_posts") == 1, first);

          long produced = System.nanoTime();
          publisher.publish(post("telegram", "khamenei_ir", postId++, "ما را در سروش دنبال کنید sapp.ir/khamenei_ir",
              List.of("https://sapp.ir/khamenei_ir")));
          publisher.flush();
          awaitTrue("the soroush alert at the webhook", () -> !webhook.about("telegram", "soroush", "khamenei_ir").isEmpty(), first);
          double latency = (webhook.about("telegram", "soroush", "khamenei_ir").get(0).arrivedNanos() - produced) / 1e9;
          System.out.printf("[alerts] Kafka to webhook: %.1f s (checkpoints every 10 s, dispatcher polls every 1 s)%n", latency);
          assertThat(latency).isLessThan(60);
          assertThat(webhook.requests()).as("a 503 first, then the retry").isGreaterThanOrEqualTo(2);

          // The announcement repeated in many posts, and from the other side: still one pair.
          for (int i = 0; i < 20; i++) {
            publisher.publish(post("telegram", "khamenei_ir", postId++, "کانال سروش: sapp.ir/khamenei_ir", List.of("https://sapp.ir/khamenei_ir")));
          }
          publisher.publish(post("soroush", "khamenei_ir", 1, "کانال تلگرام t.me/khamenei_ir", List.of("https://t.me/khamenei_ir")));
          publisher.flush();
          long posts = postId; // telegram posts 1 to postId - 1, and the soroush one
          awaitTrue("the repeats landed", () -> count(ch, "SELECT count() FROM v_posts") == posts, first);
          // Two checkpoints after the repeats were written: the newer's barrier is behind them.
          int checkpointAtLanding = latestCheckpoint(state);
          awaitTrue("two more checkpoints", () -> latestCheckpoint(state) >= checkpointAtLanding + 2, first);
          first.kill();
        }

        // While the job is down: the announcement again, and a new pair.
        for (int i = 0; i < 5; i++) {
          publisher.publish(post("telegram", "khamenei_ir", postId++, "sapp.ir/khamenei_ir", List.of("https://sapp.ir/khamenei_ir")));
        }
        long producedGap = System.nanoTime();
        publisher.publish(post("telegram", "khamenei_ir", postId++, "ما در گپ: gap.im/khamenei_ir", List.of("https://gap.im/khamenei_ir")));
        publisher.flush();

        try (KoochProcess second = KoochProcess.start(dir.resolve("run-2.log"), env, run)) {
          awaitTrue("the gap alert at the webhook", () -> !webhook.about("telegram", "gap", "khamenei_ir").isEmpty(), second);
          assertThat(second.output()).contains("resuming from checkpoint");
          System.out.printf("[alerts] gap alert produced while the job was down, at the webhook %.1f s later (restart included)%n",
              (webhook.about("telegram", "gap", "khamenei_ir").get(0).arrivedNanos() - producedGap) / 1e9);
          assertThat(smtp.waitForIncomingEmail(30_000, 2)).isTrue();
          awaitTrue("both deliveries of both alerts recorded", () -> count(ch, "SELECT count() FROM v_alert_deliveries") == 4, second);

          assertThat(webhook.badSignatures()).isZero();
          assertThat(webhook.about("telegram", "soroush", "khamenei_ir")).hasSize(1);
          assertThat(webhook.about("telegram", "gap", "khamenei_ir")).hasSize(1);
          assertThat(webhook.received()).extracting(WebhookReceiver.Received::alertId).doesNotHaveDuplicates().hasSize(2);
          MimeMessage[] mails = smtp.getReceivedMessages();
          assertThat(Arrays.stream(mails).map(AlertsIT::subject).toList()).hasSize(2)
              .anyMatch(s -> s.contains("announced soroush/khamenei_ir")).anyMatch(s -> s.contains("announced gap/khamenei_ir"));
          assertThat(count(ch, "SELECT count() FROM v_alerts")).isEqualTo(2);
          // The resumed job restored the soroush pair's flag: the repeats read after the restart raised no row at all.
          assertThat(count(ch, "SELECT count() FROM alerts WHERE to_platform = 'soroush' OR from_platform = 'soroush'")).isEqualTo(1);
          assertThat(second.output()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
        }
      }
    }
  }

  private static Post post(String platform, String channel, long id, String text, List<String> links) {
    Instant now = Instant.now();
    return Post.newBuilder().setPlatform(platform).setChannel(channel).setPostId(id).setPublishedAt(now).setCollectedAt(now)
        .setText(text).setLinks(links).setSource("alerts-it").build();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(ClickHouseSettings ch, String sql) {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      return g.queryLong(sql);
    }
  }

  /** The number of the newest retained checkpoint, or 0. */
  private static int latestCheckpoint(Path state) {
    return CheckpointResume.latest(JobRunner.checkpointDir(state))
        .map(p -> Integer.parseInt(p.getFileName().toString().substring("chk-".length()))).orElse(0);
  }

  private static void awaitTrue(String what, BooleanSupplier condition, KoochProcess process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError("kooch ended while waiting for " + what + ":\n" + process.output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + ":\n" + process.output());
      }
      Thread.sleep(200);
    }
  }
}
