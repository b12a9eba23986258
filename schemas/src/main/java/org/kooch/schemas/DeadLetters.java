package org.kooch.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;

/**
 * The one place dead letters are made and (de)serialised: refused input with where it came from
 * and why, in Avro single-object encoding like every other Kooch topic.
 *
 * <p>A dead letter always fits in a Kafka message: it keeps at most {@link #RAW_PREFIX_BYTES} of
 * the refused input (its {@code rawSize} then says how large the input was) and bounded texts.
 */
public final class DeadLetters {
  /** Most bytes of refused input a dead letter keeps. */
  public static final int RAW_PREFIX_BYTES = 64 * 1024;
  /** Longest reason, in chars (a reason may quote the refused value). */
  static final int MAX_REASON_CHARS = 2_000;
  /** Longest source or location, in chars. */
  static final int MAX_NAME_CHARS = 1_000;

  private static final BinaryMessageDecoder<DeadLetter> DECODER = decoder();

  private DeadLetters() {}

  /** A dead letter failed now. */
  public static DeadLetter of(RefusalKind kind, String source, String location, String reason, byte[] raw) {
    return of(kind, source, location, reason, raw, raw == null ? 0 : raw.length);
  }

  /**
   * A dead letter failed now, of input of which only the first bytes were kept by the caller.
   *
   * @param raw the input's bytes, or its first bytes
   * @param rawSize the input's whole size in bytes
   */
  public static DeadLetter of(RefusalKind kind, String source, String location, String reason, byte[] raw, long rawSize) {
    byte[] bytes = raw == null ? new byte[0] : raw;
    byte[] kept = bytes.length > RAW_PREFIX_BYTES ? Arrays.copyOf(bytes, RAW_PREFIX_BYTES) : bytes;
    return DeadLetter.newBuilder()
        .setFailedAt(Instant.now())
        .setSource(clip(source, MAX_NAME_CHARS))
        .setLocation(location == null ? null : clip(location, MAX_NAME_CHARS))
        .setReason(clip(reason == null ? "(no reason given)" : reason, MAX_REASON_CHARS))
        .setRaw(ByteBuffer.wrap(kept))
        .setKind(kind.code())
        .setRawSize(Math.max(rawSize, bytes.length))
        .build();
  }

  /** A dead letter for refused input, of the exception's kind and with its message as reason. */
  public static DeadLetter of(InvalidRecordException e, String source, String location, byte[] raw) {
    return of(e.kind(), source, location, e.getMessage(), raw);
  }

  /** True when the dead letter keeps only the first bytes of the input. */
  public static boolean isCut(DeadLetter d) {
    return d.getRawSize() > d.getRaw().remaining();
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

  /** Decodes a dead letter of this or an earlier schema version. */
  public static DeadLetter decode(byte[] bytes) {
    try {
      return DECODER.decode(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("not a dead letter in Avro single-object encoding", e);
    }
  }

  /** Cuts a text to {@code max} chars, never between the two halves of a surrogate pair. */
  static String clip(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end) + "…";
  }

  private static BinaryMessageDecoder<DeadLetter> decoder() {
    BinaryMessageDecoder<DeadLetter> d = new BinaryMessageDecoder<>(SpecificData.get(), DeadLetter.getClassSchema());
    // Dead letters of schema version 1, which has no kind or rawSize.
    try (InputStream in = DeadLetters.class.getResourceAsStream("history/DeadLetter-v1.avsc")) {
      d.addSchema(new Schema.Parser().parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the earlier dead-letter schema", e);
    }
    return d;
  }
}
