package org.kooch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.kooch.dashboards.query.Table;

/**
 * How the query commands print their rows: an aligned table for people, CSV (RFC 4180, UTF-8) for
 * spreadsheets, or a JSON array of objects for programs. Text is printed exactly as stored.
 */
enum OutputFormat {
  TABLE,
  CSV,
  JSON;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  void print(Table t, PrintWriter out) {
    switch (this) {
      case CSV -> out.print(t.toCsv());
      case JSON -> {
        try {
          out.println(MAPPER.writeValueAsString(t.asMaps()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      default -> printTable(t, out);
    }
    out.flush();
  }

  private static void printTable(Table t, PrintWriter out) {
    int n = t.columns().size();
    int[] width = new int[n];
    boolean[] numeric = new boolean[n];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      width[i] = length(t.columns().get(i));
      numeric[i] = !t.rows().isEmpty();
    }
    for (List<Object> row : t.rows()) {
      String[] c = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = row.get(i);
        c[i] = v == null ? "" : Table.cell(v).replace("\r", "").replace('\n', ' ');
        width[i] = Math.max(width[i], length(c[i]));
        numeric[i] &= v == null || v instanceof Number;
      }
      cells.add(c);
    }
    line(out, t.columns().toArray(String[]::new), width, new boolean[n]);
    String[] rule = new String[n];
    for (int i = 0; i < n; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    line(out, rule, width, new boolean[n]);
    cells.forEach(c -> line(out, c, width, numeric));
    out.println("(" + t.rows().size() + " rows)");
  }

  private static void line(PrintWriter out, String[] c, int[] width, boolean[] right) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      String pad = " ".repeat(width[i] - length(c[i]));
      s.append(i == 0 ? "" : "  ").append(right[i] ? pad + c[i] : c[i] + (i == c.length - 1 ? "" : pad));
    }
    out.println(s);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
