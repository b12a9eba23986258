package org.kooch.ingest.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kinds of file {@code kooch import} reads, and how a file's kind is recognised: CSV by its
 * extension, a Telegram Desktop export by its content (a JSON document whose top-level object has
 * a "messages" array after "name" or "type"), JSON Lines otherwise.
 */
public enum ImportFormat {
  JSON_LINES,
  CSV,
  TELEGRAM_EXPORT;

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The format of {@code file}, reading at most its first JSON value, and only up to the
   * "messages" key of an export (exports can be hundreds of MB).
   *
   * @throws IllegalArgumentException for extensions no importer reads, or a full-account export
   */
  public static ImportFormat detect(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (!(name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson"))) {
      throw new IllegalArgumentException(
          file + ": not an importable file: JSON Lines (.jsonl, .ndjson, .json), CSV (.csv)"
              + " or a Telegram Desktop export (result.json)");
    }
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = JSON.createParser(in)) {
      return isExport(p, file) ? TELEGRAM_EXPORT : JSON_LINES;
    } catch (JsonProcessingException e) {
      // Not even the first line is JSON: the JSON Lines importer dead-letters it with its reason.
      return JSON_LINES;
    }
  }

  private static boolean isExport(JsonParser p, Path file) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    boolean named = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "name", "type" -> named = true;
        case "messages" -> {
          return named && value == JsonToken.START_ARRAY;
        }
        case "chats", "personal_information" -> throw new IllegalArgumentException(
            file + " is a full Telegram account export; export one channel instead"
                + " (Telegram Desktop: the channel's menu, Export chat history, JSON)");
        default -> { }
      }
      p.skipChildren();
    }
    return false;
  }
}
