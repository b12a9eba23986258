package org.kooch.ingest.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.RefusalKind;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;

/**
 * Imports a Telegram Desktop channel export ({@code result.json}) into Kafka: each message
 * becomes a post, service messages are skipped and counted, a message that breaks the contract
 * goes to the dead-letter topic with {@code file:message-ID} and its exact bytes, and one channel
 * profile (title = the export's {@code name}) is published at the end.
 *
 * <p>The file is streamed: only one message is in memory at a time, so exports of hundreds of MB
 * import in constant memory.
 */
public final class TelegramExportImporter implements FileImporter {
  /** Longest string value accepted; Telegram's own limit is 4,096 characters per message. */
  public static final int MAX_STRING_CHARS = 100_000;

  /** Largest message accepted, in bytes of the export: well above a post's text and entities. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER = mapper();

  private final JsonLinesCodec codec;

  private final RecordPublisher publisher;
  private final TelegramExportRecords records;
  private final PrintStream progressOut;
  private final boolean interactive;

  public TelegramExportImporter(
      JsonLinesCodec codec,
      RecordPublisher publisher,
      TelegramExportRecords records,
      PrintStream progressOut,
      boolean interactive) {
    this.codec = codec;
    this.publisher = publisher;
    this.records = records;
    this.progressOut = progressOut;
    this.interactive = interactive;
  }

  @Override
  public ImportSummary importFile(Path file) throws IOException {
    Run run = new Run(file);
    try (InputStream in = Files.newInputStream(file);
        FileChannel raw = FileChannel.open(file, StandardOpenOption.READ);
        JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedFileException(file + ": not a Telegram Desktop export (no top-level JSON object)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
          run.title = p.getText();
        } else if ("messages".equals(field) && value == JsonToken.START_ARRAY) {
          readMessages(p, raw, run);
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      // A parse error leaves the parser nowhere to resume from: stop loudly, with the line.
      long line = e.getLocation() != null ? e.getLocation().getLineNr() : run.line;
      throw new MalformedFileException(
          file + ":" + line + ": not valid JSON (" + e.getOriginalMessage()
              + "); the " + run.published + " records before it were published, importing again is harmless",
          e);
    }
    publishProfile(run);
    publisher.flush();
    run.progress.finish(Files.size(file), run.published);
    return new ImportSummary(
        file.toString(), "messages", run.messages, run.published, run.dead, run.service, "service messages");
  }

  private void readMessages(JsonParser p, FileChannel raw, Run run) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      long start = p.currentTokenLocation().getByteOffset();
      int line = p.currentTokenLocation().getLineNr();
      run.line = line;
      JsonNode message = p.readValueAsTree();
      long end = p.currentLocation().getByteOffset();
      run.messages++;
      try {
        if (end - start > MAX_MESSAGE_BYTES) {
          throw new InvalidRecordException(
              RefusalKind.TOO_LARGE, "message is " + (end - start) + " bytes, over the limit of " + MAX_MESSAGE_BYTES);
        }
        if (!message.isObject()) {
          throw new InvalidRecordException("a message must be a JSON object, got " + message.getNodeType());
        }
        if (TelegramExportRecords.isService(message)) {
          // Joins, pins, title changes: not posts, but their dates still say how recent the
          // export is.
          run.service++;
          run.seen(records.dateIfKnown(message));
        } else {
          Post post = (Post) codec.decode(records.toPost(message));
          publisher.publish(post);
          run.published++;
          run.seen(post.getPublishedAt());
        }
      } catch (InvalidRecordException e) {
        publisher.deadLetter(e, run.source, location(run.file, message, line), bytes(raw, start, end));
        run.dead++;
      }
      run.progress.update(end, run.published);
    }
  }

  /** The export's title as the channel's profile; none for an export without dated messages. */
  private void publishProfile(Run run) {
    if (run.title != null && run.latest != null) {
      publisher.publish(codec.decode(records.toProfile(run.title, run.latest)));
      run.published++;
    }
  }

  /** {@code file:message-ID}, or {@code file:LINE} for a message without a usable id. */
  private static String location(Path file, JsonNode message, int line) {
    JsonNode id = message.get("id");
    return id != null && id.isIntegralNumber() ? file + ":message-" + id.asText() : file + ":" + line;
  }

  /** The message exactly as it is in the file, read back only for dead letters. */
  private static byte[] bytes(FileChannel raw, long start, long end) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
    long position = start;
    // A positional read may return fewer bytes than asked for.
    while (buffer.hasRemaining()) {
      int n = raw.read(buffer, position);
      if (n < 0) {
        break;
      }
      position += n;
    }
    return buffer.array();
  }

  private static ObjectMapper mapper() {
    return new ObjectMapper(
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .build());
  }

  /** Counters and state of one file's import. */
  private final class Run {
    final Path file;
    final String source;
    final ProgressBar progress;
    String title;
    Instant latest;
    long line;
    long messages;
    long published;
    long dead;
    long service;

    Run(Path file) throws IOException {
      this.file = file;
      this.source = "import:" + file.getFileName();
      this.progress = new ProgressBar(progressOut, file.getFileName().toString(), Files.size(file), interactive);
    }

    void seen(Instant date) {
      if (date != null && (latest == null || date.isAfter(latest))) {
        latest = date;
      }
    }
  }
}
