package org.kooch.schemas;

/**
 * Input that breaks the record contract. The message is the dead-letter reason (say what and
 * where); the kind is its class, {@link RefusalKind#CONTRACT} unless said otherwise.
 */
public class InvalidRecordException extends RuntimeException {
  private final RefusalKind kind;

  public InvalidRecordException(String reason) {
    this(RefusalKind.CONTRACT, reason);
  }

  public InvalidRecordException(RefusalKind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public RefusalKind kind() {
    return kind;
  }
}
