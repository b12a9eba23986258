package org.kooch.schemas;

/** Input that breaks the record contract. The message is the dead-letter reason: say what and where. */
public class InvalidRecordException extends RuntimeException {
  public InvalidRecordException(String reason) {
    super(reason);
  }
}
