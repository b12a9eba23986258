package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kooch.ingest.importer.ImportTestSupport.added;
import static org.kooch.ingest.importer.ImportTestSupport.deadLetters;
import static org.kooch.ingest.importer.ImportTestSupport.progress;
import static org.kooch.ingest.importer.ImportTestSupport.raw;
import static org.kooch.ingest.importer.ImportTestSupport.recorded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
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
import org.kooch.schemas.Post;
import org.kooch.schemas.PostRef;
import org.kooch.schemas.RecordType;

/**
 * A recorded Telegram Desktop export (telegram/result.json: Persian with ZWNJ, RLM and emoji, text
 * as a string, as entity arrays and as text_entities, service, forwarded and photo messages, one
 * message without date_unixtime) through a real broker. Each test imports into its own channel.
 */
class TelegramExportImporterTest {
  private static final String ZWNJ = "\u200c";
  private static KafkaSettings kafka;

  @BeforeAll
  static void topics() {
    kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
  }

  @Test
  void messagesBecomePostsWithExactTextLinksAndForwardsAndTheTitleAProfile(@TempDir Path dir) throws Exception {
    Path file = recorded("telegram/result.json", dir);
    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark profiles = TopicMark.of(kafka, RecordType.PROFILE.topic());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    ImportSummary summary = importExport(file, "Export_Test_A", null);

    assertThat(summary).isEqualTo(new ImportSummary(file.toString(), "messages", 8, 6, 1, 2, "service messages"));
    assertThat(summary.toString()).endsWith("8 messages, 6 records published, 1 dead-lettered, 2 skipped (service messages)");
    Map<Long, Post> byId = byId(added(posts, 5));
    assertThat(byId).containsOnlyKeys(30771L, 30772L, 30773L, 30775L, 30776L);

    Post plain = byId.get(30771L);
    assertThat(plain.getPlatform()).isEqualTo("telegram");
    assertThat(plain.getChannel()).isEqualTo("export_test_a");
    assertThat(plain.getText())
        .isEqualTo("بسم الله الرحمن الرحیم\nبیانات رهبر انقلاب در دیدار فرماندهان ارتش منتشر می" + ZWNJ + "شود 🌹");
    assertThat(plain.getPublishedAt()).isEqualTo(Instant.parse("2018-04-18T05:00:00Z"));
    assertThat(plain.getCollectedAt()).isEqualTo(plain.getPublishedAt());
    assertThat(plain.getLinks()).isEmpty();
    assertThat(plain.getForwardedFrom()).isNull();
    assertThat(plain.getViews()).isNull();
    assertThat(plain.getSource()).isEqualTo("telegram-export");

    Post announcement = byId.get(30772L);
    assertThat(announcement.getText())
        .isEqualTo(
            "رهبر انقلاب: «ما را در سروش دنبال کنید» 🌹🇮🇷\n#سروش #پیام" + ZWNJ + "رسان_ملی\nکانال فارسی: @Khamenei_fa\nگپ: gap.im/khamenei_ir");
    assertThat(announcement.getLinks())
        .containsExactly("https://sapp.ir/khamenei_ir", "https://t.me/Khamenei_fa", "gap.im/khamenei_ir");

    Post forwarded = byId.get(30773L);
    assertThat(forwarded.getText()).isEqualTo("بیانیه درباره فیلترینگ تلگرام\u200f — متن کامل: https://eitaa.com/tasnimnews/1234");
    assertThat(forwarded.getLinks()).containsExactly("https://eitaa.com/tasnimnews/1234");
    assertThat(forwarded.getForwardedFrom()).isEqualTo(new PostRef("telegram", null, null, "خبرگزاری تسنیم"));
    assertThat(forwarded.getViews()).isEqualTo(412_000L);

    assertThat(byId.get(30775L).getText()).isEmpty();
    assertThat(byId.get(30776L).getText()).isEqualTo("کانال ما در ایتا: اینجا");
    assertThat(byId.get(30776L).getLinks()).containsExactly("https://eitaa.com/khamenei_ir");

    List<ChannelProfile> profile = added(profiles, 1);
    assertThat(profile).hasSize(1);
    assertThat(profile.get(0).getTitle()).isEqualTo("KHAMENEI.IR | پایگاه اطلاع" + ZWNJ + "رسانی");
    assertThat(profile.get(0).getChannel()).isEqualTo("export_test_a");
    // The latest message is the title change (a service message) on 21 April, 07:30 in Tehran.
    assertThat(profile.get(0).getObservedAt()).isEqualTo(Instant.parse("2018-04-21T03:00:00Z"));
    assertThat(profile.get(0).getSource()).isEqualTo("telegram-export");

    List<DeadLetter> letters = deadLetters(dead, 1);
    assertThat(letters).hasSize(1);
    DeadLetter noZone = letters.get(0);
    assertThat(noZone.getLocation()).isEqualTo(file + ":message-30774");
    assertThat(noZone.getSource()).isEqualTo("import:result.json");
    assertThat(noZone.getReason())
        .isEqualTo(
            "message has no date_unixtime and its date '2018-04-18T12:00:00' is local time without a zone:"
                + " import again with --timezone (e.g. Asia/Tehran)");
    // The raw bytes are the message exactly as in the file (indentation included), not a re-encoding.
    String text = Files.readString(file);
    int start = text.indexOf("{\n   \"id\": 30774");
    assertThat(raw(noZone)).isEqualTo(text.substring(start, text.indexOf("\n  }", start) + 4));
  }

  @Test
  void withATimezoneLocalDatesAreReadAndImportingTwiceGivesTheSameRecords(@TempDir Path dir) throws Exception {
    Path file = recorded("telegram/result.json", dir);
    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark profiles = TopicMark.of(kafka, RecordType.PROFILE.topic());

    ImportSummary first = importExport(file, "export_test_b", ZoneId.of("Asia/Tehran"));
    ImportSummary second = importExport(file, "export_test_b", ZoneId.of("Asia/Tehran"));

    assertThat(first.records()).isEqualTo(7);
    assertThat(first.deadLetters()).isZero();
    assertThat(second).isEqualTo(first);
    var records = posts.added(12);
    assertThat(records).hasSize(12);
    assertThat(records).allSatisfy(r -> assertThat(ImportTestSupport.key(r)).isEqualTo("telegram/export_test_b"));
    List<Post> all = records.stream().map(r -> (Post) RecordType.POST.decode(r.value())).toList();
    // Each post twice, equal in every field: downstream (ReplacingMergeTree by post id) it is one row.
    Map<Long, List<Post>> byId = all.stream().collect(Collectors.groupingBy(Post::getPostId));
    assertThat(byId).hasSize(6);
    byId.values().forEach(twice -> assertThat(twice).hasSize(2).allSatisfy(p -> assertThat(p).isEqualTo(twice.get(0))));
    // 12:00 in Tehran on 18 April 2018 was 07:30 UTC (Iran was on daylight time, +04:30).
    assertThat(byId.get(30774L).get(0).getPublishedAt()).isEqualTo(Instant.parse("2018-04-18T07:30:00Z"));
    List<ChannelProfile> twoProfiles = added(profiles, 2);
    assertThat(twoProfiles).hasSize(2);
    assertThat(twoProfiles.get(0)).isEqualTo(twoProfiles.get(1));
  }

  @Test
  void badMessagesAreDeadLetteredWithTheirIdOrLineAndReason(@TempDir Path dir) throws Exception {
    Path file = recorded("telegram/bad-messages.json", dir);
    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    ImportSummary summary = importExport(file, "export_test_c", null);

    assertThat(summary.read()).isEqualTo(7);
    assertThat(summary.records()).isEqualTo(2); // message 101 and the profile
    assertThat(summary.deadLetters()).isEqualTo(6);
    assertThat(added(posts, 1)).extracting("postId").containsExactly(101L);
    Map<String, String> reasons =
        deadLetters(dead, 6).stream().collect(Collectors.toMap(DeadLetter::getLocation, DeadLetter::getReason));
    assertThat(reasons)
        .containsOnly(
            Map.entry(file + ":message-102", "field 'views' must be an integer, got '\"1.6K\"'"),
            Map.entry(file + ":21", "message has no integer 'id'"),
            Map.entry(file + ":message-104", "field 'text' must be a string or an array, got NUMBER"),
            Map.entry(file + ":message-105", "date_unixtime 'دیروز' is not a number of seconds"),
            Map.entry(file + ":message-106", "unknown message type 'poll_result' (expected message or service)"),
            Map.entry(file + ":48", "a message must be a JSON object, got STRING"));
  }

  @Test
  void aTruncatedExportStopsLoudlyAtItsLineAfterPublishingWhatCameBefore(@TempDir Path dir) throws Exception {
    Path file = recorded("telegram/truncated.json", dir);
    TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());

    assertThatThrownBy(() -> importExport(file, "export_test_d", null))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith(file + ":34: not valid JSON (Unexpected end-of-input")
        .hasMessageContaining("the 1 records before it were published");
    assertThat(added(posts, 1)).extracting("postId").containsExactly(30771L);
  }

  @Test
  void aStringLongerThanTheLimitStopsTheImport(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("result.json");
    String huge = "ب".repeat(TelegramExportImporter.MAX_STRING_CHARS + 1);
    Files.writeString(
        file,
        "{\"name\": \"x\", \"type\": \"public_channel\", \"messages\": [\n"
            + "{\"id\": 1, \"type\": \"message\", \"date_unixtime\": \"1524027600\", \"text\": \"" + huge + "\"}]}",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> importExport(file, "export_test_e", null))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith(file + ":2: not valid JSON (String value length")
        .hasMessageContaining("exceeds the maximum allowed (100000");
  }

  private static ImportSummary importExport(Path file, String channel, ZoneId zone) throws Exception {
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      TelegramExportRecords records = new TelegramExportRecords("telegram", channel, zone);
      return new TelegramExportImporter(new JsonLinesCodec(), publisher, records, progress(), false).importFile(file);
    }
  }

  private static Map<Long, Post> byId(List<Post> posts) {
    return posts.stream().collect(Collectors.toMap(Post::getPostId, Function.identity()));
  }
}
