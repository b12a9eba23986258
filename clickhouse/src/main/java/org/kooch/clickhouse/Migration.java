package org.kooch.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One DDL file {@code NNN_name.sql}: its version, name, statements and checksum. */
public record Migration(int version, String name, String sql) {
  private static final Pattern FILE = Pattern.compile("(\\d{3})_([a-z0-9_]+)\\.sql");

  public static Migration of(String fileName, String sql) {
    Matcher m = FILE.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("migration file must be named NNN_name.sql: " + fileName);
    }
    return new Migration(Integer.parseInt(m.group(1)), m.group(2), sql);
  }

  /** Statements with {@code ${database}} replaced, split on semicolons that end a line. */
  public List<String> statements(String database) {
    String body = sql.replace("${database}", Sql.identifier(database));
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : body.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        out.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  public String checksum() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String fileName() {
    return String.format("%03d_%s.sql", version, name);
  }
}
