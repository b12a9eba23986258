package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.kooch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;

/**
 * {@code kooch dead-letters} through the real command line and a real broker: a file imported
 * twice is each refusal once, counted by kind; the refused lines come back out as bytes, are fixed
 * and imported again. The shared broker holds other tests' dead letters: this test's file has a
 * name of its own, and every call filters on it.
 */
class DeadLettersCommandTest {
  @Test
  void eachRefusalOnceByKindWithItsLocationAndTheRawBytesToFixAndImportAgain(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
    String name = "dl_" + UUID.randomUUID().toString().substring(0, 8) + ".jsonl";
    Path file = dir.resolve(name);
    String good = post(1, "2018-04-18T06:30:00Z", "خوب 🌹");
    String old = post(2, "1969-12-31T23:59:59Z", "سروش\u200cپلاس");
    String broken = "{\"type\":\"post\", broken";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String line : new String[] {good, old, broken, post(3, "2018-04-18T06:30:00Z", "x".repeat(5_000_000))}) {
      bytes.write(line.getBytes(StandardCharsets.UTF_8));
      bytes.write('\n');
    }
    bytes.write(new byte[] {'{', (byte) 0xFF, '}', '\n'});
    Files.write(file, bytes.toByteArray());

    for (int run = 0; run < 2; run++) {
      EndToEndTest.Result imported = kooch(args("import", file.toString()));
      assertThat(imported.exit()).as(imported.err()).isZero();
      assertThat(imported.out()).contains(file + ": 5 lines, 1 records published, 4 dead-lettered");
    }

    EndToEndTest.Result table = kooch(args("dead-letters", "--source", name));
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("4 refusals (8 dead letters on the topic, repeats included)")
        .containsPattern("malformed +import:" + name + " +1")
        .containsPattern("out-of-range +import:" + name + " +1")
        .containsPattern("too-large +import:" + name + " +1")
        .containsPattern("not-utf8 +import:" + name + " +1")
        .contains(file + ":2", file + ":3", file + ":4", file + ":5")
        .contains("field 'publishedAt' is 1969-12-31T23:59:59Z, outside 2000-01-01T00:00:00Z")
        .contains("cut");

    EndToEndTest.Result json = kooch(args("dead-letters", "--source", name, "--reason", "out-of-range", "--format", "json"));
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("location").asText()).isEqualTo(file + ":2");
    assertThat(rows.get(0).get("raw").asText()).isEqualTo(old);
    EndToEndTest.Result notUtf8 = kooch(args("dead-letters", "--source", name, "--reason", "not-utf8", "--format", "json"));
    assertThat(new ObjectMapper().readTree(notUtf8.out()).get(0).get("raw_base64").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xFF, '}'}));

    // A reason's text selects too; the cut line cannot be written back whole, and says so.
    EndToEndTest.Result raw = kooch(args("dead-letters", "--source", name, "--reason", "Outside 2000", "--format", "raw"));
    assertThat(raw.out()).isEqualTo(old + "\n");
    EndToEndTest.Result cut = kooch(args("dead-letters", "--source", name, "--reason", "too-large", "--format", "raw"));
    assertThat(cut.out()).isEmpty();
    assertThat(cut.err()).contains("skipped " + file + ":4: only its first 65536 of");

    Path fixed = dir.resolve("fixed.jsonl");
    Files.writeString(fixed, raw.out().replace("1969-12-31T23:59:59Z", "2018-04-19T00:00:00Z"), StandardCharsets.UTF_8);
    EndToEndTest.Result again = kooch(args("import", fixed.toString()));
    assertThat(again.out()).contains(fixed + ": 1 lines, 1 records published, 0 dead-lettered");

    EndToEndTest.Result later = kooch(args("dead-letters", "--source", name, "--since", "2999-01-01"));
    assertThat(later.out()).contains("0 refusals (0 dead letters on the topic");
    EndToEndTest.Result badFormat = kooch(args("dead-letters", "--format", "xml"));
    assertThat(badFormat.exit()).isNotZero();
    assertThat(badFormat.err()).contains("--format must be table, csv, json or raw, not 'xml'");
  }

  private static String[] args(String... command) {
    return EndToEndTest.concat(command, new String[] {"--kafka", TestKafka.shared().bootstrapServers()});
  }

  private static String post(long id, String published, String text) {
    return "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"dl_test\",\"postId\":" + id
        + ",\"publishedAt\":\"" + published + "\",\"text\":\"" + text + "\",\"source\":\"dl-test\"}";
  }
}
