package org.kooch.schemas;

import java.text.Normalizer;

/**
 * Persian and Arabic text handling. Stored text is never rewritten; these functions give the
 * forms used to compare texts and to read numbers written with Persian or Arabic digits.
 */
public final class PersianText {
  static final char ZWNJ = '\u200C';

  private PersianText() {}

  /**
   * A comparison key: Arabic letter variants folded to their Persian forms (ك→ک, ي/ى→ی, ة→ه,
   * أ/إ/آ→ا, ؤ→و), Persian and Arabic-Indic digits to ASCII, diacritics and tatweel removed,
   * presentation forms expanded (NFKC), ZWNJ treated as a word-internal joiner (removed) and
   * whitespace collapsed. Emoji and other scripts pass through unchanged.
   */
  public static String matchKey(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    // A char array, not a StringBuilder: appending Persian letters one at a time to a builder
    // that starts out Latin-1 would cost a tenth of the MinHash operator's time.
    char[] out = new char[s.length()];
    int n = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        pendingSpace = n > 0;
        continue;
      }
      if (c == ZWNJ || c == '\u0640' || isDiacritic(c)) {
        continue;
      }
      if (pendingSpace) {
        out[n++] = ' ';
        pendingSpace = false;
      }
      out[n++] = lowerCase(foldLetter(foldDigit(c)));
    }
    return new String(out, 0, n);
  }

  /** {@link Character#toLowerCase(char)}, without its table lookups for ASCII and the Arabic block (which has no case). */
  static char lowerCase(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return c >= 0x0600 && c <= 0x06FF ? c : Character.toLowerCase(c);
  }

  /** ASCII digits for Persian (۰-۹) and Arabic-Indic (٠-٩) digits; other characters unchanged. */
  public static String asciiDigits(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(foldDigit(s.charAt(i)));
    }
    return out.toString();
  }

  static char foldDigit(char c) {
    if (c >= '\u06F0' && c <= '\u06F9') {
      return (char) ('0' + (c - '\u06F0'));
    }
    if (c >= '\u0660' && c <= '\u0669') {
      return (char) ('0' + (c - '\u0660'));
    }
    if (c == '\u066B') { // Arabic decimal separator
      return '.';
    }
    if (c == '\u066C') { // Arabic thousands separator
      return ',';
    }
    return c;
  }

  static char foldLetter(char c) {
    switch (c) {
      case '\u0643': // Arabic kaf
        return '\u06A9';
      case '\u064A': // Arabic yeh
      case '\u0649': // alef maksura
        return '\u06CC';
      case '\u0629': // teh marbuta
        return '\u0647';
      case '\u0623': // alef with hamza above
      case '\u0625': // alef with hamza below
      case '\u0622': // alef with madda
        return '\u0627';
      case '\u0624': // waw with hamza
        return '\u0648';
      default:
        return c;
    }
  }

  private static boolean isDiacritic(char c) {
    return (c >= '\u064B' && c <= '\u065F') || c == '\u0670';
  }
}
