package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kooch.ingest.importer.ImportTestSupport.added;
import static org.kooch.ingest.importer.ImportTestSupport.deadLetters;
import static org.kooch.ingest.importer.ImportTestSupport.progress;
import static org.kooch.ingest.importer.ImportTestSupport.raw;
import static org.kooch.ingest.importer.ImportTestSupport.recorded;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;

/**
 * Recorded CSV files (csv/*.csv: every record type in one file with a BOM, quoted multi-line
 * Persian cells, CRLF line ends, bad rows) through a real broker.
 */
class CsvImporterTest {
  private static final String ZWNJ = "\u200c";
  private static KafkaSettings kafka;

  @BeforeAll
  static void topics() {
    kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
  }

  @Test
  void everyRecordTypeFromOneFileWithExactCellsAndBadRowsDeadLetteredByTheirFirstLine(@TempDir Path dir) throws Exception {
    Path file = recorded("csv/mixed.csv", dir);
    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark subscribers = TopicMark.of(kafka, RecordType.SUBSCRIBERS.topic());
    TopicMark profiles = TopicMark.of(kafka, RecordType.PROFILE.topic());
    TopicMark platforms = TopicMark.of(kafka, RecordType.PLATFORM.topic());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    ImportSummary summary = importCsv(file, null);

    assertThat(summary).isEqualTo(new ImportSummary(file.toString(), "rows", 8, 5, 3, 0, ""));
    Map<Long, Post> byId = added(posts, 2).stream().map(Post.class::cast).collect(Collectors.toMap(Post::getPostId, Function.identity()));
    assertThat(byId).containsOnlyKeys(30774L, 30777L);
    Post announcement = byId.get(30774L);
    assertThat(announcement.getChannel()).isEqualTo("khamenei_ir");
    assertThat(announcement.getText())
        .isEqualTo(
            "رهبر انقلاب: «ما را در سروش دنبال کنید»، لطفاً به اشتراک بگذارید, ممنون 🌹🇮🇷\nسروش" + ZWNJ + "پلاس: sapp.ir/khamenei_ir");
    assertThat(announcement.getViews()).isEqualTo(1_200_000L);
    assertThat(announcement.getForwards()).isNull();
    assertThat(announcement.getCollectedAt()).isEqualTo(Instant.parse("2018-04-18T08:00:00Z"));
    assertThat(announcement.getLinks()).containsExactly("https://sapp.ir/khamenei_ir", "https://gap.im/khamenei_ir");
    assertThat(announcement.getSource()).isEqualTo("csv-test");
    Post quoted = byId.get(30777L);
    assertThat(quoted.getText()).isEqualTo("متن با \"نقل قول\" و نیم" + ZWNJ + "فاصله");
    assertThat(quoted.getForwards()).isEqualTo(3L);
    assertThat(quoted.getLinks()).isEmpty();

    List<SubscriberCount> counts = added(subscribers, 1);
    assertThat(counts).singleElement().satisfies(s -> {
      assertThat(s.getPlatform()).isEqualTo("soroush");
      assertThat(s.getSubscribers()).isEqualTo(1_200_000L);
      assertThat(s.getSource()).isEqualTo("AFP, 2018-04-19");
    });
    List<ChannelProfile> profile = added(profiles, 1);
    assertThat(profile).singleElement().satisfies(p -> {
      assertThat(p.getTitle()).isEqualTo("KHAMENEI.IR");
      assertThat(p.getDescription()).isEqualTo("پایگاه اطلاع" + ZWNJ + "رسانی دفتر حفظ و نشر آثار\n«KHAMENEI.IR» 📚");
      assertThat(p.getLinks()).containsExactly("https://sapp.ir/khamenei_ir", "https://eitaa.com/khamenei_ir");
    });
    List<PlatformStat> platform = added(platforms, 1);
    assertThat(platform).singleElement().satisfies(p -> assertThat(p.getReportedUsers()).isEqualTo(5_000_000L));

    Map<String, DeadLetter> letters =
        deadLetters(dead, 3).stream().collect(Collectors.toMap(DeadLetter::getLocation, Function.identity()));
    assertThat(letters).containsOnlyKeys(file + ":9", file + ":10", file + ":11");
    assertThat(letters.get(file + ":9").getReason()).isEqualTo("field 'subscribers' must be an integer, got '\"1.6M\"'");
    assertThat(raw(letters.get(file + ":9")))
        .isEqualTo("subscribers,telegram,khamenei_ir,,,,,,,,csv-test,2018-04-19T10:00:00Z,1.6M,,,");
    assertThat(letters.get(file + ":10").getReason()).startsWith("unknown platform 'telegrom'");
    assertThat(letters.get(file + ":11").getReason()).isEqualTo("row has 5 cells, the header has 16");
    assertThat(raw(letters.get(file + ":11"))).isEqualTo("post,telegram,khamenei_ir,30776,\"یک سلول\nچندخطی، ناقص 🙂\"");
    assertThat(letters.get(file + ":11").getSource()).isEqualTo("import:mixed.csv");
  }

  @Test
  void aFileWithoutTypeColumnTakesTheTypeOptionAndImportingTwiceGivesTheSameRecords(@TempDir Path dir) throws Exception {
    Path file = recorded("csv/subscribers.csv", dir); // CRLF line ends, no type column
    TopicMark subscribers = TopicMark.of(kafka, RecordType.SUBSCRIBERS.topic());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    ImportSummary first = importCsv(file, RecordType.SUBSCRIBERS);
    ImportSummary second = importCsv(file, RecordType.SUBSCRIBERS);

    assertThat(first).isEqualTo(new ImportSummary(file.toString(), "rows", 4, 2, 2, 0, "")).isEqualTo(second);
    var records = subscribers.added(4);
    assertThat(records).extracting(ImportTestSupport::key).containsOnly("gap/khamenei_ir").hasSize(4);
    Map<Instant, List<SubscriberCount>> byTime =
        records.stream()
            .map(r -> (SubscriberCount) RecordType.SUBSCRIBERS.decode(r.value()))
            .collect(Collectors.groupingBy(SubscriberCount::getObservedAt));
    assertThat(byTime).hasSize(2);
    byTime.values().forEach(twice -> assertThat(twice).hasSize(2).allSatisfy(s -> assertThat(s).isEqualTo(twice.get(0))));
    assertThat(byTime.get(Instant.parse("2018-04-20T10:00:00Z")).get(0).getSubscribers()).isEqualTo(1_450_000L);
    assertThat(byTime.get(Instant.parse("2018-04-20T10:00:00Z")).get(0).getSource()).isEqualTo("gap.im page");

    Map<String, String> reasons =
        deadLetters(dead, 4).stream().collect(Collectors.groupingBy(DeadLetter::getLocation, Collectors.mapping(DeadLetter::getReason, Collectors.joining(" / "))));
    assertThat(reasons)
        .containsOnly(
            Map.entry(file + ":4", "field 'subscribers' must not be negative, got -5 / field 'subscribers' must not be negative, got -5"),
            Map.entry(file + ":5", "row has 4 cells, the header has 5 / row has 4 cells, the header has 5"));
  }

  @Test
  void badCellsAreRefusedWithTheirReasonAndBrokenFilesStopAtTheirLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("edge.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("type,platform,channel,postId,publishedAt,text,links\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("post,telegram,a_b_c,99999999999999999999,2018-04-18T06:30:00Z,x,\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("post,telegram,a_b_c,2,2018-04-18T06:30:00Z,x,\"[\"\"unclosed\"\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("post,telegram,a_b_c,3,2018-04-18T06:30:00Z,bad \u00ff byte,\n".getBytes(StandardCharsets.ISO_8859_1));
    bytes.writeBytes("post,telegram,a_b_c,4,2018-04-18 06:30,x,\n".getBytes(StandardCharsets.UTF_8));
    Files.write(file, bytes.toByteArray());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    assertThat(importCsv(file, null).deadLetters()).isEqualTo(4);

    Map<String, String> reasons =
        deadLetters(dead, 4).stream().collect(Collectors.toMap(DeadLetter::getLocation, DeadLetter::getReason));
    assertThat(reasons.get(file + ":2")).isEqualTo("field 'postId' must be an integer, got '99999999999999999999'");
    assertThat(reasons.get(file + ":3")).startsWith("field 'links' must be a JSON array or links separated by |:");
    assertThat(reasons.get(file + ":4")).isEqualTo("row is not valid UTF-8");
    assertThat(reasons.get(file + ":5")).isEqualTo("field 'publishedAt' is not an ISO-8601 timestamp with zone: '2018-04-18 06:30'");
  }

  @Test
  void headerProblemsStopTheImportBeforeAnyRow(@TempDir Path dir) {
    Path unknown = recorded("csv/unknown-column.csv", dir);
    assertThatThrownBy(() -> importCsv(unknown, null))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith(unknown + ":1: unknown column 'subscriber' in the header (columns are record fields: type, platform,");
    Path noType = recorded("csv/subscribers.csv", dir);
    assertThatThrownBy(() -> importCsv(noType, null))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith(noType + ":1: no 'type' column: add one, or name the type of every row with --type");
  }

  @Test
  void anUnclosedQuoteStopsTheImportAtItsRowAfterPublishingTheRowsBefore(@TempDir Path dir) {
    Path file = recorded("csv/unclosed-quote.csv", dir);
    TopicMark subscribers = TopicMark.of(kafka, RecordType.SUBSCRIBERS.topic());
    assertThatThrownBy(() -> importCsv(file, null))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith(file + ":3: malformed CSV in the row starting here (Missing closing quote");
    assertThat(subscribers.added(1)).hasSize(1);
  }

  @Test
  void aCellLongerThanTheParserReadsStopsTheImport(@TempDir Path dir) throws Exception {
    // Below this a long cell is one dead letter (HostileImportTest); beyond it the parser cannot
    // find the row's end, as with a quote never closed.
    Path file = dir.resolve("long.csv");
    Files.writeString(
        file,
        "type,platform,channel,postId,publishedAt,text\npost,telegram,a_b_c,1,2018-04-18T06:30:00Z,\""
            + "x".repeat(CsvRows.MAX_ROW_CHARS + 1) + "\"\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> importCsv(file, null))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith(file + ":2: malformed CSV in the row starting here (String value length")
        .hasMessageContaining("exceeds the maximum allowed (" + CsvRows.MAX_ROW_CHARS);
  }

  private static ImportSummary importCsv(Path file, RecordType defaultType) throws Exception {
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      return new CsvImporter(new JsonLinesCodec(), publisher, defaultType, progress(), false).importFile(file);
    }
  }
}
