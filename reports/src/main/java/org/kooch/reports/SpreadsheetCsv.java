package org.kooch.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kooch.queries.Table;

/**
 * CSV meant to be opened in a spreadsheet: a report's attachments. Text that came from a channel
 * (titles, posts, handles) could start a formula that a spreadsheet evaluates when the file is
 * opened ({@code =HYPERLINK(...)}, {@code @SUM(...)}, {@code -2+3}). As OWASP advises against
 * CSV injection, a text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return gets a single quote in front, which spreadsheets show as text. Numbers are
 * left alone, also text that is a plain number ({@code -200}); every other character passes
 * unchanged (Persian, emoji).
 */
final class SpreadsheetCsv {
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private SpreadsheetCsv() {}

  /** The table as RFC 4180 CSV (as {@link Table#toCsv()}), its text cells neutralised. */
  static String of(Table t) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> r : t.rows()) {
      List<Object> out = new ArrayList<>(r.size());
      for (Object v : r) {
        out.add(v == null || v instanceof Number ? v : neutralise(Table.cell(v)));
      }
      rows.add(out);
    }
    List<String> columns = t.columns().stream().map(SpreadsheetCsv::neutralise).toList();
    return new Table(columns, rows).toCsv();
  }

  /** {@code text} with a single quote in front when a spreadsheet would read it as a formula. */
  static String neutralise(String text) {
    if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 || PLAIN_NUMBER.matcher(text).matches()) {
      return text;
    }
    return "'" + text;
  }
}
