package org.kooch.streaming.links;

import java.util.Arrays;
import org.kooch.schemas.PersianText;

/**
 * MinHash signatures of post texts for near-duplicate detection, and their LSH band keys. Texts
 * are compared after Persian normalisation ({@link PersianText#matchKey}) with URLs, mentions and
 * hashtags removed, as 5-character shingles. With 8 bands of 4 rows, pairs with Jaccard similarity
 * 0.8 share a band with probability 0.97; pairs at 0.3 with 0.06.
 */
public final class MinHasher {
  public static final int BANDS = 8;
  public static final int ROWS = 4;
  static final int HASHES = BANDS * ROWS;
  static final int SHINGLE = 5;
  /** Texts shorter than this (after normalisation) are too generic to compare. */
  public static final int MIN_LENGTH = 40;

  private static final long[] SEEDS = new long[HASHES];

  static {
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < HASHES; i++) {
      x = mix(x + i);
      SEEDS[i] = x;
    }
  }

  private MinHasher() {}

  /** Text reduced to what two platforms' copies of a post share. */
  public static String comparable(String text) {
    String s = text.replaceAll("(?i)(https?://)?(www\\.)?[a-z0-9.-]+\\.[a-z]{2,}(/\\S*)?", " ")
        // ZWNJ belongs to Persian hashtags (#خبر‌فوری): Telegram's clients count it as a hashtag letter.
        .replaceAll("[@#][\\p{L}\\p{N}_\\u200C]+", " ");
    return PersianText.matchKey(s).replaceAll("[^\\p{L}\\p{N} ]", "").replaceAll(" +", " ").strip();
  }

  /** The signature, or null when the text is too short to compare. */
  public static long[] signature(String text) {
    String s = comparable(text);
    if (s.length() < MIN_LENGTH) {
      return null;
    }
    long[] sig = new long[HASHES];
    Arrays.fill(sig, Long.MAX_VALUE);
    for (int i = 0; i + SHINGLE <= s.length(); i++) {
      long h = fnv(s, i, i + SHINGLE);
      for (int k = 0; k < HASHES; k++) {
        long v = mix(h ^ SEEDS[k]);
        if (v < sig[k]) {
          sig[k] = v;
        }
      }
    }
    return sig;
  }

  /** Estimated Jaccard similarity: the share of equal minimums. */
  public static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / HASHES;
  }

  /** The LSH bucket of band {@code band}: equal for signatures that agree on all its rows. */
  public static String bandKey(long[] sig, int band) {
    long h = band;
    for (int r = 0; r < ROWS; r++) {
      h = mix(h * 31 + sig[band * ROWS + r]);
    }
    return band + ":" + Long.toHexString(h);
  }

  private static long fnv(String s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h ^= s.charAt(i);
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
