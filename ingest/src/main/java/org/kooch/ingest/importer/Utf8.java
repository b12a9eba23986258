package org.kooch.ingest.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 checks: the JDK's decoder, reporting instead of replacing bad bytes. */
public final class Utf8 {
  private Utf8() {}

  public static boolean isValid(byte[] bytes) {
    try {
      decode(bytes);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  public static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
