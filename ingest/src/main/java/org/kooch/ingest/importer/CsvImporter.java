package org.kooch.ingest.importer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.RefusalKind;

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

  /** Chars of rows with U+FFFD kept for the second pass; rows beyond are refused as decoded. */
  static final long MAX_SUSPECT_CHARS = 64L << 20;

  @Override
  public ImportSummary importFile(Path file) throws IOException {
    long size = Files.size(file);
    String source = "import:" + file.getFileName();
    ProgressBar progress = new ProgressBar(progressOut, file.getFileName().toString(), size, interactive);
    long rows = 0;
    long records = 0;
    long dead = 0;
    CsvColumns columns;
    List<CsvRows.Row> suspect = new ArrayList<>();
    long suspectChars = 0;
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
      columns = CsvColumns.of(file.toString(), header, defaultType);
      CsvRows.Row row;
      while ((row = csv.next()) != null) {
        if (row.blank()) {
          continue;
        }
        rows++;
        String location = file + ":" + row.line();
        try {
          row.checkSize();
          if (row.raw().indexOf('\uFFFD') >= 0) {
            // Bad bytes were decoded as U+FFFD; the file is read again at the end for the row's
            // own bytes (the text may also hold U+FFFD written as valid UTF-8).
            if (suspectChars + row.raw().length() > MAX_SUSPECT_CHARS) {
              throw new InvalidRecordException(
                  RefusalKind.NOT_UTF8, "row is not valid UTF-8 (kept as decoded, bad bytes as U+FFFD: too many such rows to read back)");
            }
            suspect.add(row);
            suspectChars += row.raw().length();
            continue;
          }
          publisher.publish(codec.decode(columns.toRecord(row.cells())));
          records++;
        } catch (InvalidRecordException e) {
          publisher.deadLetter(e, source, location, row.raw().getBytes(StandardCharsets.UTF_8));
          dead++;
        }
        progress.update(in.count(), records);
      }
    }
    long[] outcome = importSuspects(file, source, columns, suspect);
    records += outcome[0];
    dead += outcome[1];
    publisher.flush();
    progress.finish(size, records);
    return new ImportSummary(file.toString(), "rows", rows, records, dead, 0, "");
  }

  /**
   * Reads the rows' own bytes from the file: a row that is valid UTF-8 after all is imported, one
   * that is not is dead-lettered with its bytes as they are in the file.
   *
   * @return records published and rows dead-lettered
   */
  private long[] importSuspects(Path file, String source, CsvColumns columns, List<CsvRows.Row> suspect) throws IOException {
    Map<OriginalLines.Range, CsvRows.Row> byRange = new LinkedHashMap<>();
    for (CsvRows.Row row : suspect) {
      byRange.put(new OriginalLines.Range(row.line(), row.lineCount()), row);
    }
    Map<OriginalLines.Range, OriginalLines.Bytes> original = OriginalLines.read(file, new ArrayList<>(byRange.keySet()));
    long records = 0;
    long dead = 0;
    for (Map.Entry<OriginalLines.Range, CsvRows.Row> e : byRange.entrySet()) {
      CsvRows.Row row = e.getValue();
      OriginalLines.Bytes bytes = original.get(e.getKey());
      String location = file + ":" + row.line();
      try {
        if (bytes == null || bytes.length() > bytes.bytes().length || !Utf8.isValid(bytes.bytes())) {
          throw new InvalidRecordException(RefusalKind.NOT_UTF8, "row is not valid UTF-8");
        }
        publisher.publish(codec.decode(columns.toRecord(row.cells())));
        records++;
      } catch (InvalidRecordException x) {
        byte[] raw = bytes == null ? row.raw().getBytes(StandardCharsets.UTF_8) : bytes.bytes();
        long size = bytes == null ? raw.length : bytes.length();
        publisher.deadLetter(x.kind(), source, location, x.getMessage(), raw, size);
        dead++;
      }
    }
    return new long[] {records, dead};
  }
}
