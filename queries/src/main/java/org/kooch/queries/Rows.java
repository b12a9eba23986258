package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/** Reading JSONEachRow rows: 64-bit integers may arrive quoted, nullable columns as JSON null. */
final class Rows {
  private Rows() {}

  static String text(JsonNode row, String column) {
    JsonNode v = row.get(column);
    return v == null || v.isNull() ? null : v.asText();
  }

  static long number(JsonNode row, String column) {
    return row.get(column).asLong();
  }

  static Long nullableNumber(JsonNode row, String column) {
    JsonNode v = row.get(column);
    return v == null || v.isNull() ? null : v.asLong();
  }

  static LocalDate day(JsonNode row, String column) {
    return LocalDate.parse(row.get(column).asText());
  }
}
