package org.kooch.ingest.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.RefusalKind;

/**
 * The rows of a CSV file as Jackson's CSV parser reads them (quoted cells may hold commas, doubled
 * quotes and line breaks), each with the line it starts on and its exact text for dead letters.
 * A row's text is known once the next row starts, so rows are handed out one row behind the
 * parser.
 */
final class CsvRows implements Closeable {
  /** Longest cell a row may have; a row with a longer one is refused (dead-lettered). */
  static final int MAX_CELL_CHARS = 256 * 1024;
  /** Most cells a row may have; a row with more is refused. The contract has 17 fields. */
  static final int MAX_CELLS = 64;
  /**
   * Longest row the parser reads, in chars. The parser cannot resume inside a cell, so a row
   * longer than this (in practice a quote never closed) stops the import as malformed.
   */
  static final int MAX_ROW_CHARS = 16 << 20;

  private static final CsvFactory CSV =
      CsvFactory.builder()
          .enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_ROW_CHARS).build())
          .build();

  /**
   * One row: the line it starts on, its cells (at most {@link #MAX_CELLS}), how many cells it had,
   * and its text without the line break.
   */
  record Row(int line, List<String> cells, int cellCount, String raw) {
    boolean blank() {
      return cellCount == 1 && cells.get(0).isEmpty();
    }

    /** Lines the row spans (a quoted cell may hold line breaks). */
    int lineCount() {
      int n = 1;
      for (int i = 0; i < raw.length(); i++) {
        if (raw.charAt(i) == '\n' || (raw.charAt(i) == '\r' && (i + 1 == raw.length() || raw.charAt(i + 1) != '\n'))) {
          n++;
        }
      }
      return n;
    }

    /** Refuses a row over a size limit. */
    void checkSize() {
      if (cellCount > MAX_CELLS) {
        throw new InvalidRecordException(
            RefusalKind.TOO_LARGE, "row has " + cellCount + " cells, over the limit of " + MAX_CELLS);
      }
      for (int i = 0; i < cells.size(); i++) {
        if (cells.get(i).length() > MAX_CELL_CHARS) {
          throw new InvalidRecordException(
              RefusalKind.TOO_LARGE,
              "cell " + (i + 1) + " has " + cells.get(i).length() + " chars, over the limit of " + MAX_CELL_CHARS);
        }
      }
    }
  }

  private final String file;
  private final RecordingReader text;
  private final CsvParser parser;
  private int depth;
  private List<String> cells = new ArrayList<>();
  private int cellCount;
  private long start = -1;
  private int line;
  private int nextLine = 1;
  private Row complete;
  private long completeStart;
  private boolean done;

  CsvRows(Reader reader, String file) throws IOException {
    this.file = file;
    this.text = new RecordingReader(reader);
    this.parser = (CsvParser) CSV.createParser(text);
  }

  /** The next row, or null at the end of the file. */
  Row next() throws IOException {
    while (!done) {
      JsonToken t = nextToken();
      if (t == null) {
        done = true;
        return complete == null ? null : emit(text.position());
      }
      if (t == JsonToken.START_ARRAY && ++depth == 2) {
        cells = new ArrayList<>();
        cellCount = 0;
        start = -1;
      } else if (t == JsonToken.VALUE_STRING) {
        Row previous = null;
        if (start < 0) {
          // The first cell's position is where the row starts and where the previous one ends.
          JsonLocation at = parser.currentTokenLocation();
          start = at.getCharOffset();
          line = at.getLineNr();
          previous = complete == null ? null : emit(start);
        }
        if (++cellCount <= MAX_CELLS) {
          cells.add(parser.getText());
        }
        if (parser.currentLocation().getCharOffset() - start > MAX_ROW_CHARS) {
          throw new MalformedFileException(
              file + ":" + line + ": the row starting here is over " + MAX_ROW_CHARS
                  + " chars (a quote never closed?); the rows before it were published: fix the file and import it again (records are idempotent)");
        }
        if (previous != null) {
          return previous;
        }
      } else if (t == JsonToken.END_ARRAY && --depth == 1 && start >= 0) {
        complete = new Row(line, List.copyOf(cells), cellCount, null);
        completeStart = start;
        nextLine = parser.currentLocation().getLineNr();
      }
    }
    return null;
  }

  private JsonToken nextToken() throws IOException {
    try {
      return parser.nextToken();
    } catch (JsonProcessingException e) {
      // The parser cannot resume after broken quoting: stop at the row where it began.
      int at = start >= 0 ? line : nextLine;
      throw new MalformedFileException(
          file + ":" + at + ": malformed CSV in the row starting here (" + e.getOriginalMessage()
              + "); the rows before it were published: fix the file and import it again (records are idempotent)",
          e);
    }
  }

  private Row emit(long end) {
    String raw = text.text(completeStart, end);
    // The row's own line break belongs to no cell.
    if (raw.endsWith("\r\n")) {
      raw = raw.substring(0, raw.length() - 2);
    } else if (raw.endsWith("\n") || raw.endsWith("\r")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    Row row = new Row(complete.line(), complete.cells(), complete.cellCount(), raw);
    text.forgetBefore(end);
    complete = null;
    return row;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
