package org.kooch.queries;

import java.util.ArrayList;
import java.util.List;

/**
 * A view's result as plain rows, the shape the command line prints (table, CSV, JSON) and the
 * reports attach as CSV. Values are strings, numbers, lists or null.
 */
public record Table(List<String> columns, List<List<Object>> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** RFC 4180 CSV with a header line; null is an empty cell, lists are {@code |}-separated. */
  public String toCsv() {
    StringBuilder s = new StringBuilder();
    line(s, new ArrayList<>(columns));
    rows.forEach(r -> line(s, r));
    return s.toString();
  }

  /** One line of {@link #toCsv()}: the values as cells, quoted where needed, ending in CRLF. */
  public static String csvLine(List<?> values) {
    StringBuilder s = new StringBuilder();
    line(s, values);
    return s.toString();
  }

  /** A value as text for a table or CSV cell. */
  public static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof List<?> list) {
      return String.join("|", list.stream().map(Table::cell).toList());
    }
    return v.toString();
  }

  private static void line(StringBuilder s, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      String c = cell(values.get(i));
      boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
      s.append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
    }
    s.append("\r\n");
  }
}
