package org.kooch.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why input was refused, in a few stable classes: a dead letter's {@code kind}, which operators
 * count and filter by ({@code kooch dead-letters --reason}). The dead letter's {@code reason} says
 * the particulars.
 */
public enum RefusalKind {
  /** The bytes do not parse: not JSON, not CSV, not a record in Avro single-object encoding. */
  MALFORMED,
  /** Parsed, but a field is missing, of the wrong type, or names no known platform or type. */
  CONTRACT,
  /** A time, count or id outside the contract's bounds. */
  OUT_OF_RANGE,
  /** Over a size limit: a line, row, cell, message, field, list or the whole record. */
  TOO_LARGE,
  /** Not valid UTF-8 (or, once decoded, not valid Unicode). */
  NOT_UTF8,
  /** An event that arrived after its day was closed. */
  TOO_LATE,
  /** A row ClickHouse could not be sent: the sink's last line of defence. */
  UNWRITABLE;

  /** The form written in dead letters and accepted on the command line: {@code out-of-range}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<RefusalKind> ofCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code().equalsIgnoreCase(code)).findFirst();
  }
}
