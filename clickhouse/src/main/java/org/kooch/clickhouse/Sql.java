package org.kooch.clickhouse;

import java.util.regex.Pattern;

/**
 * The one place where values enter SQL text. Identifiers are validated, literals escaped; no
 * other code concatenates user input into SQL. (ClickHouse 18.16 has no query parameters.)
 */
public final class Sql {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Sql() {}

  /** The identifier itself if it is a plain name, else {@link IllegalArgumentException}. */
  public static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid ClickHouse name: '" + name + "'");
    }
    return name;
  }

  /** A single-quoted string literal with backslash, quote and control characters escaped. */
  public static String literal(String value) {
    StringBuilder s = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> s.append("\\\\");
        case '\'' -> s.append("\\'");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '\0' -> s.append("\\0");
        default -> s.append(c);
      }
    }
    return s.append('\'').toString();
  }
}
