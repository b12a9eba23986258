package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kooch.ingest.importer.ImportTestSupport.recorded;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which importer reads a file: by extension for CSV, by content for Telegram Desktop exports. */
class ImportFormatTest {
  @Test
  void recordedFilesAreRecognised(@TempDir Path dir) throws Exception {
    assertThat(ImportFormat.detect(recorded("telegram/result.json", dir))).isEqualTo(ImportFormat.TELEGRAM_EXPORT);
    assertThat(ImportFormat.detect(recorded("csv/mixed.csv", dir))).isEqualTo(ImportFormat.CSV);
    // Cut off mid-file, it is still an export (the importer then reports where it breaks).
    assertThat(ImportFormat.detect(recorded("telegram/truncated.json", dir))).isEqualTo(ImportFormat.TELEGRAM_EXPORT);
  }

  @Test
  void jsonThatIsNoExportIsJsonLines(@TempDir Path dir) throws Exception {
    assertThat(detect(dir, "a.jsonl", "{\"type\":\"post\",\"platform\":\"telegram\"}\n{\"type\":\"post\"}\n")).isEqualTo(ImportFormat.JSON_LINES);
    assertThat(detect(dir, "b.json", "{\"type\":\"subscribers\",\"channel\":\"x\"}\n")).isEqualTo(ImportFormat.JSON_LINES);
    assertThat(detect(dir, "c.ndjson", "{broken\n")).isEqualTo(ImportFormat.JSON_LINES);
    assertThat(detect(dir, "d.json", "")).isEqualTo(ImportFormat.JSON_LINES);
    // "messages" alone is not enough: an export also names itself.
    assertThat(detect(dir, "e.json", "{\"messages\": []}")).isEqualTo(ImportFormat.JSON_LINES);
    assertThat(detect(dir, "f.json", "\uFEFF{\"name\": \"x\", \"type\": \"public_channel\", \"messages\": [")).isEqualTo(ImportFormat.TELEGRAM_EXPORT);
  }

  @Test
  void otherFilesAreRefusedWithWhatCanBeImported(@TempDir Path dir) throws Exception {
    Path txt = Files.writeString(dir.resolve("posts.txt"), "x");
    assertThatThrownBy(() -> ImportFormat.detect(txt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON Lines (.jsonl, .ndjson, .json), CSV (.csv) or a Telegram Desktop export");
    Path account = Files.writeString(dir.resolve("result.json"), "{\"about\": \"...\", \"personal_information\": {}, \"chats\": {\"list\": []}}");
    assertThatThrownBy(() -> ImportFormat.detect(account))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("full Telegram account export; export one channel instead");
  }

  private static ImportFormat detect(Path dir, String name, String content) throws Exception {
    return ImportFormat.detect(Files.writeString(dir.resolve(name), content));
  }
}
