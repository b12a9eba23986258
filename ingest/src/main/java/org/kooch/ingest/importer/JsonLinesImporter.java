package org.kooch.ingest.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;

/**
 * Imports a JSON Lines file (DESIGN.md record contract) into Kafka. Each line becomes one record;
 * a line that breaks the contract goes to the dead-letter topic with {@code file:line} and the
 * reason, and the import goes on. Blank lines are skipped.
 */
public final class JsonLinesImporter implements FileImporter {
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
    long bytes = 0;
    try (InputStream in = Files.newInputStream(file);
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines++;
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        bytes += raw.length + 1;
        if (lines == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        String location = file + ":" + lines;
        try {
          if (line.indexOf('\uFFFD') >= 0) {
            throw new InvalidRecordException("line is not valid UTF-8");
          }
          SpecificRecord record = codec.decode(line);
          publisher.publish(record);
          records++;
        } catch (InvalidRecordException e) {
          publisher.deadLetter(source, location, e.getMessage(), raw);
          dead++;
        }
        progress.update(bytes, records);
      }
    }
    publisher.flush();
    progress.finish(size, records);
    return new ImportSummary(file.toString(), lines, records, dead);
  }

}
