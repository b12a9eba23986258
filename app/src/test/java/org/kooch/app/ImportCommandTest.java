package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.concat;
import static org.kooch.app.EndToEndTest.kooch;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/**
 * {@code kooch import} through the real command line and a real broker: every format in one run,
 * and the errors an operator sees when an option a file needs is missing. The recorded export comes
 * from the ingest test-jar. Channels here are cli_* only: EndToEndTest lands the shared broker's
 * records in ClickHouse and looks at khamenei_ir.
 */
class ImportCommandTest {
  @Test
  void oneRunImportsAnExportACsvAndJsonLinesEachByItsFormat(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
    Path export = recorded("telegram/result.json", dir);
    String multiLine = "سطر اول، با ویرگول, و \"نقل\"\nسطر دوم می\u200cشود 🌹";
    Path csv = dir.resolve("posts.csv");
    Files.writeString(
        csv,
        "type,platform,channel,postId,publishedAt,text,links\n"
            + "post,telegram,cli_csv,1,2018-04-22T06:30:00Z,\"" + multiLine.replace("\"", "\"\"") + "\",https://eitaa.com/cli_csv|https://t.me/cli_csv\n"
            + "subscribers,telegram,cli_csv,,,,\n"
            + "post,telegram,cli_csv,2,2018-04-22T07:00:00Z,x\n",
        StandardCharsets.UTF_8);
    Path jsonl = dir.resolve("more.jsonl");
    Files.writeString(
        jsonl,
        "{\"type\":\"post\",\"platform\":\"eitaa\",\"channel\":\"cli_export\",\"postId\":7,\"publishedAt\":\"2018-04-22T06:30:00Z\",\"text\":\"ایتا\",\"source\":\"cli-test\"}\n"
            + "{\"type\":\"post\",\"platform\":\"eitaa\"}\n",
        StandardCharsets.UTF_8);
    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());

    EndToEndTest.Result r =
        kooch(concat(new String[] {"import", export.toString(), csv.toString(), jsonl.toString(),
            "--channel", "CLI_Export", "--timezone", "Asia/Tehran"}, connection(kafka, dir)));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(export + ": 8 messages, 7 records published, 0 dead-lettered, 2 skipped (service messages)")
        .contains(csv + ": 3 rows, 1 records published, 2 dead-lettered")
        .contains(jsonl + ": 2 lines, 1 records published, 1 dead-lettered")
        .contains("3 inputs went to the dead-letter topic kooch.deadletter.v1");
    Map<String, Post> added =
        posts.added(8).stream()
            .map(rec -> (Post) RecordType.POST.decode(rec.value()))
            .collect(Collectors.toMap(p -> p.getPlatform() + "/" + p.getChannel() + "/" + p.getPostId(), Function.identity()));
    assertThat(added).hasSize(8).containsKeys("telegram/cli_export/30771", "telegram/cli_export/30774", "eitaa/cli_export/7");
    assertThat(added.get("telegram/cli_export/30774").getPublishedAt()).isEqualTo(Instant.parse("2018-04-18T07:30:00Z"));
    assertThat(added.get("telegram/cli_export/30772").getLinks()).contains("https://t.me/Khamenei_fa");
    assertThat(added.get("telegram/cli_csv/1").getText()).isEqualTo(multiLine);
    assertThat(added.get("telegram/cli_csv/1").getLinks()).containsExactly("https://eitaa.com/cli_csv", "https://t.me/cli_csv");
  }

  @Test
  void anExportWithoutChannelIsRefusedBeforeAnythingIsImported(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    Path export = recorded("telegram/result.json", dir);

    EndToEndTest.Result r = kooch(concat(new String[] {"import", export.toString()}, connection(kafka, dir)));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("kooch: " + export + " is a Telegram Desktop export, which names the channel only by its title:"
            + " pass --channel HANDLE");
    assertThat(r.out()).doesNotContain("records published");

    EndToEndTest.Result badZone =
        kooch(concat(new String[] {"import", export.toString(), "--channel", "x_y_z", "--timezone", "Tehran"}, connection(kafka, dir)));
    assertThat(badZone.exit()).isEqualTo(1);
    assertThat(badZone.err()).contains("--timezone: unknown zone 'Tehran' (for example Asia/Tehran");
    EndToEndTest.Result badPlatform =
        kooch(concat(new String[] {"import", export.toString(), "--channel", "x_y_z", "--platform", "telegrom"}, connection(kafka, dir)));
    assertThat(badPlatform.err()).contains("unknown platform 'telegrom'");
  }

  @Test
  void aCsvWithoutTypeColumnNeedsTheTypeOption(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    Path csv = dir.resolve("counts.csv");
    Files.writeString(
        csv,
        "platform,channel,observedAt,subscribers,source\r\n"
            + "gap,cli_counts,2018-04-19T10:00:00Z,1300000,gap.im page\r\n"
            + "gap,cli_counts,2018-04-20T10:00:00Z,1.45M,gap.im page\r\n",
        StandardCharsets.UTF_8);

    EndToEndTest.Result without = kooch(concat(new String[] {"import", csv.toString()}, connection(kafka, dir)));
    assertThat(without.exit()).isEqualTo(1);
    assertThat(without.err()).contains(csv + ":1: no 'type' column: add one, or name the type of every row with --type");

    EndToEndTest.Result with = kooch(concat(new String[] {"import", csv.toString(), "--type", "subscribers"}, connection(kafka, dir)));
    assertThat(with.exit()).as(with.err()).isZero();
    assertThat(with.out())
        .contains(csv + ": 2 rows, 1 records published, 1 dead-lettered")
        .contains("1 rows went to the dead-letter topic");

    EndToEndTest.Result badType = kooch(concat(new String[] {"import", csv.toString(), "--type", "subscriber"}, connection(kafka, dir)));
    assertThat(badType.exit()).isEqualTo(1);
    assertThat(badType.err()).contains("--type must be post, subscribers, profile or platform, not 'subscriber'");
  }

  private static String[] connection(KafkaSettings kafka, Path dir) {
    return new String[] {"--kafka", kafka.bootstrapServers(), "--state-dir", dir.resolve("state").toString()};
  }

  private static Path recorded(String resource, Path dir) throws Exception {
    try (InputStream in = ImportCommandTest.class.getResourceAsStream("/" + resource)) {
      Path file = dir.resolve(Path.of(resource).getFileName());
      Files.copy(in, file);
      return file;
    }
  }
}
