package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/**
 * Generated and mutated JSON Lines files through the importer and a real broker: field types
 * swapped, times anywhere from before 1970 to centuries ahead, counts of any sign and size, texts
 * in Persian, emoji and lone surrogates, lines cut short, bytes that are not UTF-8, CRLF, blank
 * lines, now and then a line over the size limit. Whatever the file, the import finishes and every
 * non-blank line is either one published record or one dead letter, never both, never neither.
 */
class ImportProperties {
  private static KafkaSettings kafka;

  @BeforeContainer
  static void topics() {
    kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
  }

  @Property(tries = 20)
  void everyLineIsOneRecordOrOneDeadLetter(@ForAll("lines") List<LineSpec> specs) throws IOException {
    String name = "prop_" + UUID.randomUUID().toString().substring(0, 8);
    Path file = Files.createTempFile(name, ".jsonl");
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Set<Long> nonBlank = new HashSet<>();
      for (int i = 0; i < specs.size(); i++) {
        byte[] line = render(specs.get(i), i + 1, channel(file));
        bytes.writeBytes(line);
        bytes.write('\n');
        if (!blank(line)) {
          nonBlank.add((long) i + 1);
        }
      }
      Files.write(file, bytes.toByteArray());
      TopicMark posts = TopicMark.of(kafka, RecordType.POST.topic());
      TopicMark dead = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

      ImportSummary summary;
      try (RecordPublisher publisher = new RecordPublisher(kafka)) {
        summary = new JsonLinesImporter(new JsonLinesCodec(), publisher, ImportTestSupport.progress(), false).importFile(file);
      }

      String channel = channel(file);
      List<Long> published = posts.added((int) summary.records()).stream()
          .map(r -> (Post) RecordType.POST.decode(r.value()))
          .filter(p -> p.getChannel().equals(channel))
          .map(Post::getPostId)
          .toList();
      List<Long> refused = dead.added((int) summary.deadLetters()).stream()
          .map(r -> org.kooch.schemas.DeadLetters.decode(r.value()))
          .filter(d -> d.getSource().equals("import:" + file.getFileName()))
          .map(DeadLetter::getLocation)
          .map(l -> Long.parseLong(l.substring(l.lastIndexOf(':') + 1)))
          .toList();
      assertThat(published).as("published once each").doesNotHaveDuplicates();
      assertThat(refused).as("dead-lettered once each").doesNotHaveDuplicates();
      assertThat(published).as("never both").noneMatch(refused::contains);
      List<Long> all = new ArrayList<>(published);
      all.addAll(refused);
      assertThat(all).as("never neither").containsExactlyInAnyOrderElementsOf(nonBlank);
      net.jqwik.api.statistics.Statistics.label("lines").collect(published.isEmpty() ? "none published" : "some published",
          refused.isEmpty() ? "none refused" : "some refused");
      assertThat(summary.records()).isEqualTo(published.size());
      assertThat(summary.deadLetters()).isEqualTo(refused.size());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The channel of a file's posts: its own, so the shared broker's other records are told apart. */
  private static String channel(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.indexOf('.')).toLowerCase().replaceAll("[^a-z0-9_]", "_");
  }

  private static boolean blank(byte[] line) {
    try {
      return Utf8.decode(line).replace("\uFEFF", "").isBlank();
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<List<LineSpec>> lines() {
    return lineSpecs().list().ofMinSize(1).ofMaxSize(40);
  }

  private Arbitrary<LineSpec> lineSpecs() {
    Arbitrary<String> times = Arbitraries.oneOf(
        Arbitraries.longs().between(946_684_800_000L, 1_700_000_000_000L).map(ms -> java.time.Instant.ofEpochMilli(ms).toString()),
        Arbitraries.longs().between(-62_000_000_000_000L, 32_000_000_000_000L).map(ms -> java.time.Instant.ofEpochMilli(ms).toString()),
        Arbitraries.of("2018-04-18T06:30:00+04:30", "1969-12-31T23:59:59Z", "2018-02-30T00:00:00Z", "yesterday", ""));
    Arbitrary<String> texts = Arbitraries.oneOf(
        Arbitraries.strings().withChars("سروشپلاسگایتا \u200c🌹abc").ofMaxLength(200),
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.of("\uD83C", "\uDF39 x", "\u0000", "ب".repeat(70_000)));
    Arbitrary<String> counts = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 10_000_000).map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("\"1.6M\"", "1e3", "99999999999999999999999", "null", "-1", "true", "[]"));
    Arbitrary<Integer> mutation = Arbitraries.integers().between(0, 11);
    return Combinators.combine(times, texts, counts, mutation, Arbitraries.integers().between(0, 10_000))
        .as(LineSpec::new);
  }

  /** What a line is made of; its postId is its line number, so a published record names its line. */
  record LineSpec(String time, String text, String count, int mutation, int position) {}

  private static byte[] render(LineSpec s, long number, String channel) {
    String json = "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"" + channel + "\",\"postId\":" + number
        + ",\"publishedAt\":\"" + s.time() + "\",\"collectedAt\":\"2018-05-01T00:00:00Z\",\"text\":" + quote(s.text())
        + ",\"views\":" + s.count() + ",\"links\":[\"https://sapp.ir/x\"],\"source\":\"prop\"}";
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    int at = b.length == 0 ? 0 : s.position() % b.length;
    return switch (s.mutation()) {
      case 1 -> java.util.Arrays.copyOf(b, at); // cut short
      case 2 -> flip(b, at, (byte) 0xC3); // a lead byte without its continuation
      case 3 -> flip(b, at, (byte) 0xFF);
      case 4 -> json.replace("\"postId\":" + number, "\"postId\":\"" + number + "\"").getBytes(StandardCharsets.UTF_8);
      case 5 -> json.replace("\"platform\":\"telegram\"", "\"platform\":42").getBytes(StandardCharsets.UTF_8);
      case 6 -> json.replace(",\"publishedAt\":\"" + s.time() + "\"", "").getBytes(StandardCharsets.UTF_8);
      case 7 -> (json + "\r").getBytes(StandardCharsets.UTF_8);
      case 8 -> "   ".getBytes(StandardCharsets.UTF_8);
      case 9 -> s.position() % 50 == 0 ? huge() : "[1,2,3]".getBytes(StandardCharsets.UTF_8);
      case 10 -> json.replace("\"type\":\"post\"", "\"type\":\"posts\"").getBytes(StandardCharsets.UTF_8);
      default -> b;
    };
  }

  private static byte[] huge() {
    byte[] b = new byte[JsonLinesImporter.MAX_LINE_BYTES + 1];
    java.util.Arrays.fill(b, (byte) 'x');
    return b;
  }

  private static byte[] flip(byte[] b, int at, byte value) {
    byte[] c = b.clone();
    if (c.length > 0) {
      c[at] = value;
    }
    return c;
  }

  private static String quote(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
