package org.kooch.app;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kooch.queries.BadRequestException;

/**
 * What {@code kooch sql} accepts: one statement that reads (SELECT, SHOW, DESCRIBE, EXISTS or
 * WITH). It is the first line of defence and gives the clear message; the second is the server,
 * where the command runs as the read-only user. Comments and quoted text are masked before the
 * checks, so a keyword inside a string does not count.
 */
final class ReadOnlySql {
  static final Set<String> READING = Set.of("SELECT", "SHOW", "DESCRIBE", "DESC", "EXISTS", "WITH");
  private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Za-z]+)");
  private static final Pattern FORMAT = Pattern.compile("(?i)\\bFORMAT\\s+\\w+\\s*$");
  private static final Pattern OUTFILE = Pattern.compile("(?i)\\bINTO\\s+OUTFILE\\b");

  private ReadOnlySql() {}

  /** The statement without trailing semicolons, or a {@link BadRequestException} saying why it is refused. */
  static String check(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new BadRequestException("no SQL given: kooch sql \"SELECT ...\"");
    }
    String code = mask(sql).stripTrailing();
    int end = code.length();
    while (end > 0 && (code.charAt(end - 1) == ';' || Character.isWhitespace(code.charAt(end - 1)))) {
      end--;
    }
    code = code.substring(0, end);
    Matcher m = FIRST_WORD.matcher(code);
    String first = m.find() ? m.group(1).toUpperCase(Locale.ROOT) : "";
    if (!READING.contains(first)) {
      throw new BadRequestException("kooch sql runs only statements that read (SELECT, SHOW, DESCRIBE, EXISTS, WITH); '"
          + (first.isEmpty() ? code.strip() : first) + "' is refused");
    }
    if (code.indexOf(';') >= 0) {
      throw new BadRequestException("one statement at a time: kooch sql got several separated by ';'");
    }
    if (OUTFILE.matcher(code).find()) {
      throw new BadRequestException("INTO OUTFILE writes a file on the server: use --format csv and redirect the output instead");
    }
    if (FORMAT.matcher(code).find()) {
      throw new BadRequestException("leave out the FORMAT clause: kooch sql --format table|csv|json chooses the output");
    }
    return sql.substring(0, end);
  }

  /** The SQL with comments and the insides of quotes replaced by spaces (same length, same positions). */
  static String mask(String sql) {
    StringBuilder out = new StringBuilder(sql);
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '-' && sql.startsWith("--", i)) {
        int e = sql.indexOf('\n', i);
        i = blank(out, i, e < 0 ? sql.length() : e);
      } else if (c == '/' && sql.startsWith("/*", i)) {
        int e = sql.indexOf("*/", i + 2);
        i = blank(out, i, e < 0 ? sql.length() : e + 2);
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < sql.length() && sql.charAt(j) != c) {
          j += sql.charAt(j) == '\\' ? 2 : 1;
        }
        blank(out, i + 1, Math.min(j, sql.length()));
        i = j + 1;
      } else {
        i++;
      }
    }
    return out.toString();
  }

  private static int blank(StringBuilder out, int from, int to) {
    for (int k = from; k < to && k < out.length(); k++) {
      out.setCharAt(k, ' ');
    }
    return to;
  }
}
