package org.kooch.streaming.samecontent;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.kooch.schemas.PersianText;

/**
 * MinHash signatures of post texts for near-duplicate detection, and their LSH band keys. Texts
 * are compared after Persian normalisation ({@link PersianText#matchKey}) with URLs, mentions and
 * hashtags removed, as 5-character shingles. With 8 bands of 4 rows, pairs with Jaccard similarity
 * 0.8 share a band with probability 0.97; pairs at 0.3 with 0.06.
 *
 * <p>One-permutation hashing: each shingle is hashed once (FNV-1a, then a 64-bit finaliser), its
 * top 5 bits pick one of 32 bins and the rest is its value there; a bin keeps its minimum, and the
 * bins a short text leaves empty are filled by rotation densification (Shrivastava and Li, 2014).
 * Two texts agree on a bin with probability close to their Jaccard similarity, as with 32
 * independent hash functions, at one hash per shingle instead of 32. Band keys come from the
 * full minimums; what is kept and compared is the
 * signature {@link #pack packed} to 16 bits per minimum (b-bit minwise hashing: two different
 * minimums agree on 16 bits with probability 2^-16, so the estimate rises by at most
 * (1 - J)/65536), 64 bytes a post instead of 256.
 */
public final class MinHasher {
  public static final int BANDS = 8;
  public static final int ROWS = 4;
  static final int HASHES = BANDS * ROWS;
  static final int SHINGLE = 5;
  /** Texts shorter than this (after normalisation) are too generic to compare. */
  public static final int MIN_LENGTH = 40;
  /** Longs in a packed signature: four 16-bit minimums each. */
  static final int PACKED = HASHES / 4;

  /** A shingle's hash picks its bin with its top 5 bits; the other 59 are its value there. */
  private static final int BIN_SHIFT = 64 - 5;
  private static final long VALUE_MASK = (1L << BIN_SHIFT) - 1;

  private static final Pattern URL = Pattern.compile("(?i)(https?://)?(www\\.)?[a-z0-9.-]+\\.[a-z]{2,}(/\\S*)?");
  // ZWNJ belongs to Persian hashtags (#خبر‌فوری): Telegram's clients count it as a hashtag letter.
  private static final Pattern TAG = Pattern.compile("[@#][\\p{L}\\p{N}_\\u200C]+");

  private MinHasher() {}

  /** Text reduced to what two platforms' copies of a post share. */
  public static String comparable(String text) {
    Chars c = comparableChars(text);
    return new String(c.chars(), 0, c.length());
  }

  /** Characters {@code [0, length)} of {@code chars}. */
  private record Chars(char[] chars, int length) {}

  private static Chars comparableChars(String text) {
    String s = text;
    // The patterns are costly to scan with: run them only on texts where they can match.
    if (hasDotBeforeLetters(s)) {
      s = URL.matcher(s).replaceAll(" ");
    }
    if (s.indexOf('@') >= 0 || s.indexOf('#') >= 0) {
      s = TAG.matcher(s).replaceAll(" ");
    }
    // Letters, digits and single spaces, without leading or trailing ones.
    String key = PersianText.matchKey(s);
    char[] out = new char[key.length()];
    int n = 0;
    boolean space = false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == ' ') {
        space = n > 0;
        continue;
      }
      boolean pair = Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1));
      if (!isLetterOrNumber(pair ? Character.toCodePoint(c, key.charAt(i + 1)) : c)) {
        i += pair ? 1 : 0;
        continue;
      }
      if (space) {
        out[n++] = ' ';
        space = false;
      }
      out[n++] = c;
      if (pair) {
        out[n++] = key.charAt(++i);
      }
    }
    return new Chars(out, n);
  }

  /** Whether {@link #URL} can match: a domain has a dot followed by two ASCII letters. */
  private static boolean hasDotBeforeLetters(String s) {
    for (int i = s.indexOf('.'); i >= 0 && i + 2 < s.length(); i = s.indexOf('.', i + 1)) {
      if (isAsciiLetter(s.charAt(i + 1)) && isAsciiLetter(s.charAt(i + 2))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** {@link #categoryLetterOrNumber} of the chars below U+0800 (Latin, Arabic and Persian), looked up once. */
  private static final boolean[] LETTER_OR_NUMBER = new boolean[0x800];

  static {
    for (int c = 0; c < LETTER_OR_NUMBER.length; c++) {
      LETTER_OR_NUMBER[c] = categoryLetterOrNumber(c);
    }
  }

  /** Unicode categories L and N, as the patterns' {@code \p{L}} and {@code \p{N}}. */
  static boolean isLetterOrNumber(int c) {
    return c < LETTER_OR_NUMBER.length ? LETTER_OR_NUMBER[c] : categoryLetterOrNumber(c);
  }

  private static boolean categoryLetterOrNumber(int c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
          Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  /** The 32 minimums, or null when the text is too short to compare. */
  public static long[] minimums(String text) {
    Chars c = comparableChars(text);
    if (c.length() < MIN_LENGTH) {
      return null;
    }
    char[] s = c.chars();
    long[] sig = new long[HASHES];
    Arrays.fill(sig, Long.MAX_VALUE);
    for (int i = 0; i + SHINGLE <= c.length(); i++) {
      long h = mix(fnv(s, i, i + SHINGLE));
      int bin = (int) (h >>> BIN_SHIFT);
      long v = h & VALUE_MASK;
      if (v < sig[bin]) {
        sig[bin] = v;
      }
    }
    densify(sig);
    return sig;
  }

  /**
   * Fills the bins no shingle fell into (a short text leaves some) from the nearest filled bin
   * to the right, circularly, mixed with the distance: two texts agree on such a bin when they
   * agree on its donor and both lack the bins in between (rotation densification).
   */
  private static void densify(long[] sig) {
    for (int bin = 0; bin < HASHES; bin++) {
      if (sig[bin] != Long.MAX_VALUE) {
        continue;
      }
      for (int distance = 1; distance < HASHES; distance++) {
        long donor = sig[(bin + distance) % HASHES];
        if (donor != Long.MAX_VALUE && donor <= VALUE_MASK) {
          sig[bin] = VALUE_MASK + 1 + (mix(donor + distance) >>> 1);
          break;
        }
      }
    }
  }

  /** The signature as kept and compared: each minimum's low 16 bits, four to a long. */
  public static long[] pack(long[] minimums) {
    long[] packed = new long[PACKED];
    for (int k = 0; k < HASHES; k++) {
      packed[k >> 2] |= (minimums[k] & 0xFFFFL) << ((k & 3) * 16);
    }
    return packed;
  }

  /** Estimated Jaccard similarity of two packed signatures: the share of equal minimums. */
  public static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < PACKED; i++) {
      long diff = a[i] ^ b[i];
      for (int lane = 0; lane < 4; lane++) {
        if ((diff & 0xFFFFL) == 0) {
          same++;
        }
        diff >>>= 16;
      }
    }
    return (double) same / HASHES;
  }

  /** The LSH bucket of band {@code band}: equal for signatures that agree on all its rows. */
  public static long bandKey(long[] minimums, int band) {
    long h = band;
    for (int r = 0; r < ROWS; r++) {
      h = mix(h * 31 + minimums[band * ROWS + r]);
    }
    return h;
  }

  private static long fnv(char[] s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h ^= s[i];
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
