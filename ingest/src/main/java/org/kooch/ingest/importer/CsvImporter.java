package org.kooch.ingest.importer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.RecordType;

/**
 * Imports a CSV file whose header names record fields (see {@link CsvColumns}) into Kafka. Each
 * row becomes one record through the same validator as JSON Lines; a row that breaks the contract
 * (or has the wrong number of cells) goes to the dead-letter topic with {@code file:line} of its
 * first line and its exact text, and the import goes on. Blank lines are skipped, a UTF-8 BOM is
 * ignored.
 */
public final class CsvImporter implements FileImporter {
  private final JsonLinesCodec codec;
  private final RecordPublisher publisher;
  private final RecordType defaultType;
  private final PrintStream progressOut;
  private final boolean interactive;

  /** @param defaultType type of rows without a type cell ({@code --type}); null for none */
  public CsvImporter(
      JsonLinesCodec codec, RecordPublisher publisher, RecordType defaultType, PrintStream progressOut, boolean interactive) {
    this.codec = codec;
    this.publisher = publisher;
    this.defaultType = defaultType;
    this.progressOut = progressOut;
    this.interactive = interactive;
  }

  @Override
  public ImportSummary importFile(Path file) throws IOException {
    long size = Files.size(file);
    String source = "import:" + file.getFileName();
    ProgressBar progress = new ProgressBar(progressOut, file.getFileName().toString(), size, interactive);
    long rows = 0;
    long records = 0;
    long dead = 0;
    try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
        CsvRows csv =
            new CsvRows(
                new InputStreamReader(
                    in,
                    // Bad bytes become U+FFFD so the row can still be located and dead-lettered.
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                file.toString())) {
      CsvRows.Row header = csv.next();
      if (header == null) {
        progress.finish(size, 0);
        return new ImportSummary(file.toString(), "rows", 0, 0, 0, 0, "");
      }
      CsvColumns columns = CsvColumns.of(file.toString(), header, defaultType);
      CsvRows.Row row;
      while ((row = csv.next()) != null) {
        if (row.blank()) {
          continue;
        }
        rows++;
        try {
          if (row.raw().indexOf('\uFFFD') >= 0) {
            throw new InvalidRecordException("row is not valid UTF-8");
          }
          publisher.publish(codec.decode(columns.toRecord(row.cells())));
          records++;
        } catch (InvalidRecordException e) {
          publisher.deadLetter(source, file + ":" + row.line(), e.getMessage(), row.raw().getBytes(StandardCharsets.UTF_8));
          dead++;
        }
        progress.update(in.count(), records);
      }
    }
    publisher.flush();
    progress.finish(size, records);
    return new ImportSummary(file.toString(), "rows", rows, records, dead, 0, "");
  }
}
