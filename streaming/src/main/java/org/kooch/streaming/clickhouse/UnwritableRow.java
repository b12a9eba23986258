package org.kooch.streaming.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RefusalKind;

/**
 * The dead letter of a row a sink could not encode: its text form as raw, located by the table
 * and a digest of that text, so the same row replayed after a restart has the same location.
 */
final class UnwritableRow {
  private UnwritableRow() {}

  static DeadLetter deadLetter(String table, Object row, Exception cause) {
    byte[] raw = String.valueOf(row).getBytes(StandardCharsets.UTF_8);
    return DeadLetters.of(
        RefusalKind.UNWRITABLE,
        "flink:clickhouse-" + table,
        table + "#" + digest(raw),
        "cannot encode a row for " + table + ": " + cause.getMessage(),
        raw);
  }

  private static String digest(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
