package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.ingest.importer.ImportTestSupport.added;
import static org.kooch.ingest.importer.ImportTestSupport.deadLetters;
import static org.kooch.ingest.importer.ImportTestSupport.progress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/**
 * Input the record contract and the importers' size limits refuse: times before 1970, records over
 * Kafka's message limit, bytes that are not UTF-8, rows with too many cells. Each is one dead letter that fits in
 * Kafka, and the good records after it are published.
 */
class HostileImportTest {
  private static KafkaSettings kafka;

  @BeforeAll
  static void topics() {
    kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
  }

  @Test
  void jsonLinesOutOfRangeHugeAndNotUtf8AreDeadLettersAndTheImportGoesOn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hostile.jsonl");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    line(bytes, post(1, "2018-04-18T06:30:00Z", "خوب"));
    line(bytes, post(2, "1969-12-31T23:59:59Z", "before the epoch"));
    line(bytes, post(3, "2018-04-18T06:30:00Z", "ب".repeat(1_000_000))); // 2 MB of text
    byte[] notUtf8 = post(4, "2018-04-18T06:30:00Z", "bad byte: X").getBytes(StandardCharsets.UTF_8);
    notUtf8[notUtf8.length - 20] = (byte) 0xC3; // a lead byte without its continuation
    bytes.write(notUtf8);
    bytes.write('\n');
    byte[] endless = new byte[JsonLinesImporter.MAX_LINE_BYTES + 10];
    Arrays.fill(endless, (byte) '{');
    bytes.write(endless);
    bytes.write('\n');
    line(bytes, post(5, "2018-04-18T06:30:00Z", "\uFFFD is a real character here"));
    line(bytes, post(6, "3000-01-01T00:00:00Z", "from the future"));
    line(bytes, post(7, "2018-04-19T06:30:00Z", "آخر 🌹"));
    Files.write(file, bytes.toByteArray());

    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);
    ImportSummary summary;
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      summary = new JsonLinesImporter(new JsonLinesCodec(), publisher, progress(), false).importFile(file);
    }

    assertThat(summary).isEqualTo(new ImportSummary(file.toString(), 8, 3, 5));
    List<Post> published = added(posts, 3);
    assertThat(published).extracting(Post::getPostId).containsExactlyInAnyOrder(1L, 5L, 7L);
    Map<String, DeadLetter> letters = byLocation(deadLetters(dead, 5));
    assertThat(letters).containsOnlyKeys(file + ":2", file + ":3", file + ":4", file + ":5", file + ":7");
    assertThat(letters.get(file + ":2").getKind()).isEqualTo("out-of-range");
    assertThat(letters.get(file + ":2").getReason()).startsWith("field 'publishedAt' is 1969-12-31T23:59:59Z, outside 2000-01-01T00:00:00Z");
    assertThat(letters.get(file + ":3").getKind()).isEqualTo("too-large");
    assertThat(letters.get(file + ":4").getKind()).isEqualTo("not-utf8");
    assertThat(ImportTestSupport.rawBytes(letters.get(file + ":4"))).isEqualTo(notUtf8);
    DeadLetter endlessLetter = letters.get(file + ":5");
    assertThat(endlessLetter.getReason()).isEqualTo("line is " + endless.length + " bytes, over the limit of " + JsonLinesImporter.MAX_LINE_BYTES);
    assertThat(endlessLetter.getRawSize()).isEqualTo(endless.length);
    assertThat(DeadLetters.isCut(endlessLetter)).isTrue();
    assertThat(endlessLetter.getRaw().remaining()).isEqualTo(DeadLetters.RAW_PREFIX_BYTES);
    assertThat(letters.get(file + ":7").getReason()).contains("3000-01-01T00:00:00Z");
  }

  @Test
  void csvRowsWithTooManyCellsHugeCellsOrBadBytesAreDeadLettersWithTheirOwnBytes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hostile.csv");
    String header = "type,platform,channel,postId,publishedAt,text,source\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(header.getBytes(StandardCharsets.UTF_8));
    bytes.write("post,telegram,hostile_csv,1,2018-04-18T06:30:00Z,خوب,t\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(("post,telegram,hostile_csv,2,2018-04-18T06:30:00Z,x,t" + ",x".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write(("post,telegram,hostile_csv,3,2018-04-18T06:30:00Z,\"" + "ب".repeat(300_000) + "\",t\n").getBytes(StandardCharsets.UTF_8));
    byte[] bad = "post,telegram,hostile_csv,4,2018-04-18T06:30:00Z,\"two\nlines X\",t".getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 4] = (byte) 0xFF;
    bytes.write(bad);
    bytes.write('\n');
    bytes.write("post,telegram,hostile_csv,5,2018-04-18T06:30:00Z,\"\uFFFD written as UTF-8\",t\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("post,telegram,hostile_csv,6,1969-12-31T23:59:59Z,old,t\n".getBytes(StandardCharsets.UTF_8));
    bytes.write("post,telegram,hostile_csv,7,2018-04-18T06:30:00Z,آخر,t\n".getBytes(StandardCharsets.UTF_8));
    Files.write(file, bytes.toByteArray());

    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);
    ImportSummary summary;
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      summary = new CsvImporter(new JsonLinesCodec(), publisher, null, progress(), false).importFile(file);
    }

    assertThat(summary).isEqualTo(new ImportSummary(file.toString(), "rows", 7, 3, 4, 0, ""));
    List<Post> published = added(posts, 3);
    assertThat(published).extracting(Post::getPostId).containsExactlyInAnyOrder(1L, 5L, 7L);
    assertThat(published).filteredOn(p -> p.getPostId() == 5).singleElement()
        .satisfies(p -> assertThat(p.getText()).isEqualTo("\uFFFD written as UTF-8"));
    Map<String, DeadLetter> letters = byLocation(deadLetters(dead, 4));
    assertThat(letters).containsOnlyKeys(file + ":3", file + ":4", file + ":5", file + ":8");
    assertThat(letters.get(file + ":3").getReason()).isEqualTo("row has 107 cells, over the limit of 64");
    assertThat(letters.get(file + ":4").getReason()).isEqualTo("cell 6 has 300000 chars, over the limit of 262144");
    assertThat(DeadLetters.isCut(letters.get(file + ":4"))).isTrue();
    assertThat(letters.get(file + ":5").getKind()).isEqualTo("not-utf8");
    assertThat(ImportTestSupport.rawBytes(letters.get(file + ":5"))).isEqualTo(bad);
    assertThat(letters.get(file + ":8").getKind()).isEqualTo("out-of-range");
  }

  private static Map<String, DeadLetter> byLocation(List<DeadLetter> letters) {
    return letters.stream().collect(Collectors.toMap(DeadLetter::getLocation, Function.identity()));
  }

  private static void line(ByteArrayOutputStream out, String line) {
    out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  private static String post(long id, String published, String text) {
    return "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"hostile_jsonl\",\"postId\":" + id
        + ",\"publishedAt\":\"" + published + "\",\"collectedAt\":\"2018-04-20T00:00:00Z\",\"text\":\"" + text + "\",\"source\":\"t\"}";
  }
}
