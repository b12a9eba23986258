package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RecordType;
import picocli.CommandLine;

/**
 * The README's path, through the real command line: a JSON Lines file goes through {@code kooch
 * import} into a real broker, {@code kooch run --bounded} moves it through a Flink MiniCluster into
 * a real ClickHouse, and the rows that land are checked.
 */
class EndToEndTest {
  @Test
  void importThenBoundedRunLandsEachRecordOnce(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("e2e");
    String persian = "رهبر انقلاب: «ما را در سروش دنبال کنید» 🌹🇮🇷 sapp.ir/khamenei_ir می\u200cشود";
    String post =
        "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"Khamenei_IR\",\"postId\":30774,"
            + "\"publishedAt\":\"2018-04-18T06:30:00Z\",\"collectedAt\":\"2018-04-18T08:00:00Z\",\"text\":\"" + persian + "\","
            + "\"views\":1200000,\"forwards\":null,\"forwardedFrom\":null,\"links\":[\"https://sapp.ir/khamenei_ir\"],\"source\":\"e2e\"}";
    Path file = dir.resolve("april-2018.jsonl");
    Files.writeString(
        file,
        String.join("\n",
                post,
                post, // delivered twice: must land once
                "{\"type\":\"subscribers\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-18T10:00:00Z\",\"subscribers\":1612907,\"source\":\"e2e\"}",
                "{\"type\":\"subscribers\",\"platform\":\"soroush\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-18T10:00:00Z\",\"subscribers\":1200000,\"source\":\"e2e\"}",
                "{\"type\":\"subscribers\",\"platform\":\"soroush\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-18T10:00:00Z\",\"subscribers\":1200000,\"source\":\"e2e\"}",
                "{\"type\":\"subscribers\",\"platform\":\"soroush\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-18T10:00:00Z\",\"subscribers\":\"1.2M\",\"source\":\"e2e\"}",
                "{\"type\":\"platform\",\"platform\":\"soroush\",\"observedAt\":\"2018-04-18T00:00:00Z\",\"reportedUsers\":5000000,\"source\":\"AFP, 2018-04-18\"}")
            + "\n",
        StandardCharsets.UTF_8);
    // Other tests share the broker: read only what this test adds.
    TopicAdmin.ensureTopics(kafka);
    TopicMark deadBefore = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    String[] conn = {
      "--kafka", kafka.bootstrapServers(), "--clickhouse", ch.url(), "--database", ch.database(), "--state-dir", dir.resolve("state").toString()
    };
    Result imported = kooch(concat(new String[] {"import", file.toString()}, conn));
    assertThat(imported.exit).as(imported.err).isZero();
    assertThat(imported.out).contains("7 lines, 6 records published, 1 dead-lettered");

    Result ran = kooch(concat(new String[] {"run", "--bounded", "--checkpoint-interval", "1s"}, conn));
    assertThat(ran.exit).as(ran.err).isZero();
    // the backfill's progress: every record the topics held was read (the broker is shared, so
    // other tests' records count too)
    assertThat(ran.err).containsPattern("kafka -> flink -> clickhouse \\[#{30}\\] 100% [\\d,]+ records");

    // `kooch run` lands everything in the shared broker, other tests' records too: look at this
    // test's own (source 'e2e', channel khamenei_ir; other tests use other channels).
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      assertThat(g.queryLong("SELECT count() FROM v_posts WHERE source = 'e2e'")).isEqualTo(1);
      List<JsonNode> posts = g.query("SELECT channel, text, views, links FROM v_posts WHERE source = 'e2e'");
      assertThat(posts.get(0).get("channel").asText()).isEqualTo("khamenei_ir");
      assertThat(posts.get(0).get("text").asText()).isEqualTo(persian);
      assertThat(posts.get(0).get("views").asLong()).isEqualTo(1_200_000);
      assertThat(g.queryLong("SELECT count() FROM v_subscriber_snapshots WHERE source = 'e2e'")).isEqualTo(2);
      assertThat(g.queryLong("SELECT subscribers FROM v_channel_daily WHERE platform = 'soroush' AND channel = 'khamenei_ir'")).isEqualTo(1_200_000);
      assertThat(g.queryLong("SELECT posts FROM v_channel_daily WHERE platform = 'telegram' AND channel = 'khamenei_ir'")).isEqualTo(1);
      assertThat(g.queryLong("SELECT reported_users FROM v_platform_stats WHERE platform = 'soroush'")).isEqualTo(5_000_000);
    }
    List<DeadLetter> dead =
        deadBefore.added(1).stream().map(r -> decode(r.value())).toList();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).getLocation()).isEqualTo(file + ":6");
    assertThat(dead.get(0).getReason()).contains("'subscribers' must be an integer");
  }

  record Result(int exit, String out, String err) {}

  static Result kooch(String... args) {
    // System.err is replaced before the command line is made: its error handler keeps the stream
    // it finds (the progress bars write to System.err too).
    java.io.PrintStream oldOut = System.out;
    java.io.PrintStream oldErr = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream capturedErr = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(capturedErr, true, StandardCharsets.UTF_8));
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = KoochCommand.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int exit = cl.execute(args);
      return new Result(exit, out + captured.toString(StandardCharsets.UTF_8), err + capturedErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      oldErr.print(capturedErr.toString(StandardCharsets.UTF_8));
    }
  }

  static String[] concat(String[] a, String[] b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static DeadLetter decode(byte[] bytes) {
    return DeadLetters.decode(bytes);
  }
}
