package org.kooch.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The one place dead letters are made and (de)serialised: refused input with where it came from
 * and why, in Avro single-object encoding like every other Kooch topic.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /** A dead letter failed now. */
  public static DeadLetter of(String source, String location, String reason, byte[] raw) {
    return DeadLetter.newBuilder()
        .setFailedAt(Instant.now())
        .setSource(source)
        .setLocation(location)
        .setReason(reason)
        .setRaw(ByteBuffer.wrap(raw == null ? new byte[0] : raw))
        .build();
  }

  public static byte[] encode(DeadLetter d) {
    try {
      ByteBuffer buffer = DeadLetter.getEncoder().encode(d);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a dead letter", e);
    }
  }

  public static DeadLetter decode(byte[] bytes) {
    try {
      return DeadLetter.getDecoder().decode(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("not a dead letter in Avro single-object encoding", e);
    }
  }
}
