package org.kooch.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.RefusalKind;

/**
 * Imports a JSON Lines file (docs/contracts.md) into Kafka. Each line becomes one record;
 * a line that breaks the contract goes to the dead-letter topic with {@code file:line} and the
 * reason, and the import goes on: a line that is too long or not UTF-8 too, with its bytes as
 * they are in the file. Blank lines are skipped.
 */
public final class JsonLinesImporter implements FileImporter {
  /**
   * Longest line accepted, in bytes: a record at the contract's size limit written as JSON with
   * every character escaped fits; a longer line is dead-lettered with its first bytes.
   */
  static final int MAX_LINE_BYTES = 4 << 20;

  private final JsonLinesCodec codec;
  private final RecordPublisher publisher;
  private final PrintStream progressOut;
  private final boolean interactive;

  public JsonLinesImporter(
      JsonLinesCodec codec, RecordPublisher publisher, PrintStream progressOut, boolean interactive) {
    this.codec = codec;
    this.publisher = publisher;
    this.progressOut = progressOut;
    this.interactive = interactive;
  }

  @Override
  public ImportSummary importFile(Path file) throws IOException {
    long size = Files.size(file);
    String source = "import:" + file.getFileName();
    ProgressBar progress = new ProgressBar(progressOut, file.getFileName().toString(), size, interactive);
    long lines = 0;
    long records = 0;
    long dead = 0;
    try (InputStream in = Files.newInputStream(file)) {
      BoundedLines reader = new BoundedLines(in, MAX_LINE_BYTES);
      BoundedLines.Line line;
      while ((line = reader.next()) != null) {
        lines++;
        String location = file + ":" + line.number();
        try {
          String text = textOf(line);
          if (text.isBlank()) {
            continue;
          }
          publisher.publish(codec.decode(text));
          records++;
        } catch (InvalidRecordException e) {
          publisher.deadLetter(e.kind(), source, location, e.getMessage(), line.bytes(), line.length());
          dead++;
        }
        progress.update(reader.bytesRead(), records);
      }
    }
    publisher.flush();
    progress.finish(size, records);
    return new ImportSummary(file.toString(), lines, records, dead);
  }

  private static String textOf(BoundedLines.Line line) {
    if (line.cut()) {
      throw new InvalidRecordException(
          RefusalKind.TOO_LARGE, "line is " + line.length() + " bytes, over the limit of " + MAX_LINE_BYTES);
    }
    String text;
    try {
      text = line.text();
    } catch (CharacterCodingException e) {
      throw new InvalidRecordException(RefusalKind.NOT_UTF8, "line is not valid UTF-8");
    }
    if (line.number() == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return text;
  }
}
