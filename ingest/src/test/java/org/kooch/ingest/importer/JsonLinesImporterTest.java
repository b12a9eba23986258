package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/** Imports through a real (embedded) broker: records land on their topics, bad lines as dead letters. */
class JsonLinesImporterTest {
  @Test
  void importsGoodLinesAndDeadLettersBadOnesWithLineAndReason(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    // A private set of topics would need a prefix; instead read what this test adds.
    org.kooch.ingest.kafka.TopicAdmin.ensureTopics(kafka);
    TopicMark postsBefore = TopicMark.of(kafka, RecordType.POST.topic());
    TopicMark deadBefore = TopicMark.of(kafka, RecordType.DEAD_LETTER_TOPIC);

    String persian = "بیانات رهبر انقلاب در سروش\u200cپلاس 🌹 sapp.ir/khamenei_ir";
    Path file = dir.resolve("posts.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"postId\":1,\"publishedAt\":\"2018-04-18T06:30:00Z\",\"text\":\"" + persian + "\",\"source\":\"test\"}",
            "",
            "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"postId\":2,\"publishedAt\":\"2018-04-18T07:30:00Z\",\"text\":\"x\",\"source\":\"test\"}",
            "{\"type\":\"post\",\"platform\":\"telegrom\",\"channel\":\"khamenei_ir\",\"postId\":3,\"publishedAt\":\"2018-04-18T07:30:00Z\"}",
            "{\"type\":\"subscribers\",\"platform\":\"soroush\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-18T00:00:00Z\",\"subscribers\":1200000}",
            "{broken json"),
        StandardCharsets.UTF_8);

    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    ImportSummary summary;
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      summary = new JsonLinesImporter(new JsonLinesCodec(), publisher, new PrintStream(progress, true, StandardCharsets.UTF_8), false)
          .importFile(file);
    }
    assertThat(summary.read()).isEqualTo(6);
    assertThat(summary.records()).isEqualTo(3);
    assertThat(summary.deadLetters()).isEqualTo(2);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("100%").contains("3 records");

    List<ConsumerRecord<byte[], byte[]>> posts = postsBefore.added(2);
    assertThat(posts).hasSize(2);
    Post first = (Post) RecordType.POST.decode(posts.get(0).value());
    assertThat(posts.stream().map(r -> ((Post) RecordType.POST.decode(r.value())).getText())).contains(persian);
    assertThat(new String(posts.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("telegram/khamenei_ir");
    assertThat(first.getChannel()).isEqualTo("khamenei_ir");

    List<DeadLetter> dead =
        deadBefore.added(2).stream()
            .map(r -> decode(r.value()))
            .toList();
    assertThat(dead).extracting(DeadLetter::getLocation).containsExactly(file + ":4", file + ":6");
    assertThat(dead.get(0).getReason()).contains("unknown platform 'telegrom'");
    assertThat(dead.get(1).getReason()).startsWith("not valid JSON");
    assertThat(new String(dead.get(1).getRaw().array(), StandardCharsets.UTF_8)).isEqualTo("{broken json");
  }

  private static DeadLetter decode(byte[] bytes) {
    return DeadLetters.decode(bytes);
  }
}
