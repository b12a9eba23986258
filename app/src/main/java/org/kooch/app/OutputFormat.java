package org.kooch.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.queries.Table;

/**
 * How the query commands print their rows: an aligned table for people, CSV (RFC 4180, UTF-8) for
 * spreadsheets, or a JSON array of objects for programs. Text is printed exactly as stored.
 *
 * <p>Rows can be printed as they arrive ({@link #printer}): CSV and JSON write each row at once;
 * the table holds its first {@value #TABLE_WIDTH_ROWS} rows to set the column widths, then writes
 * each row at once in those widths.
 */
enum OutputFormat {
  TABLE,
  CSV,
  JSON;

  static final int TABLE_WIDTH_ROWS = 1000;
  private static final ObjectWriter JSON_WRITER =
      new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writer().with(SerializationFeature.INDENT_OUTPUT);

  /** Rows printed one at a time: {@link #columns} first, then {@link #row}s, then {@link #end}. */
  interface RowPrinter {
    void columns(List<String> names);

    void row(List<Object> values);

    /** Writes out what has been printed so far (before waiting for more rows). */
    void flush();

    /** Finishes the output (the table's row count, the JSON array's end). */
    void end();
  }

  void print(Table t, PrintWriter out) {
    RowPrinter p = printer(out, Integer.MAX_VALUE);
    p.columns(t.columns());
    t.rows().forEach(p::row);
    p.end();
  }

  RowPrinter printer(PrintWriter out) {
    return printer(out, TABLE_WIDTH_ROWS);
  }

  private RowPrinter printer(PrintWriter out, int tableWidthRows) {
    return switch (this) {
      case CSV -> new CsvPrinter(out);
      case JSON -> new JsonPrinter(out);
      default -> new TablePrinter(out, tableWidthRows);
    };
  }

  private static final class CsvPrinter implements RowPrinter {
    private final PrintWriter out;

    CsvPrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<String> names) {
      out.print(Table.csvLine(names));
    }

    @Override
    public void row(List<Object> values) {
      out.print(Table.csvLine(values));
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void end() {
      out.flush();
    }
  }

  private static final class JsonPrinter implements RowPrinter {
    private final PrintWriter out;
    private List<String> columns = List.of();
    private JsonGenerator json;

    JsonPrinter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<String> names) {
      columns = List.copyOf(names);
      try {
        json = JSON_WRITER.createGenerator(out);
        json.writeStartArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void row(List<Object> values) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), values.get(i));
      }
      try {
        JSON_WRITER.writeValue(json, m);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void flush() {
      try {
        json.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.flush();
    }

    @Override
    public void end() {
      try {
        json.writeEndArray();
        json.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println();
      out.flush();
    }
  }

  private static final class TablePrinter implements RowPrinter {
    private final PrintWriter out;
    private final int widthRows;
    private final List<String[]> held = new ArrayList<>();
    private final List<boolean[]> heldNumbers = new ArrayList<>();
    private List<String> columns = List.of();
    private int[] width;
    private boolean[] numeric;
    private boolean started;
    private long rows;

    TablePrinter(PrintWriter out, int widthRows) {
      this.out = out;
      this.widthRows = widthRows;
    }

    @Override
    public void columns(List<String> names) {
      columns = List.copyOf(names);
    }

    @Override
    public void row(List<Object> values) {
      int n = columns.size();
      String[] c = new String[n];
      boolean[] number = new boolean[n];
      for (int i = 0; i < n; i++) {
        Object v = values.get(i);
        c[i] = v == null ? "" : Table.cell(v).replace("\r", "").replace('\n', ' ');
        number[i] = v == null || v instanceof Number;
      }
      rows++;
      if (started) {
        line(out, c, width, numeric);
        return;
      }
      held.add(c);
      heldNumbers.add(number);
      if (held.size() >= widthRows) {
        start();
      }
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void end() {
      if (!started) {
        start();
      }
      out.println("(" + rows + " rows)");
      out.flush();
    }

    /** Sets the widths from the rows held so far, prints the header and those rows. */
    private void start() {
      int n = columns.size();
      width = new int[n];
      numeric = new boolean[n];
      for (int i = 0; i < n; i++) {
        width[i] = length(columns.get(i));
        numeric[i] = !held.isEmpty();
      }
      for (int r = 0; r < held.size(); r++) {
        for (int i = 0; i < n; i++) {
          width[i] = Math.max(width[i], length(held.get(r)[i]));
          numeric[i] &= heldNumbers.get(r)[i];
        }
      }
      line(out, columns.toArray(String[]::new), width, new boolean[n]);
      String[] rule = new String[n];
      for (int i = 0; i < n; i++) {
        rule[i] = "-".repeat(width[i]);
      }
      line(out, rule, width, new boolean[n]);
      held.forEach(c -> line(out, c, width, numeric));
      held.clear();
      heldNumbers.clear();
      started = true;
    }
  }

  private static void line(PrintWriter out, String[] c, int[] width, boolean[] right) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      String pad = " ".repeat(Math.max(0, width[i] - length(c[i])));
      s.append(i == 0 ? "" : "  ").append(right[i] ? pad + c[i] : c[i] + (i == c.length - 1 ? "" : pad));
    }
    out.println(s);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
