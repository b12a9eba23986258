package org.kooch.streaming.samecontent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinHasherTest {
  /** As posted on Telegram: Persian letters, Persian digits, ZWNJ, a link, hashtags, a mention. */
  private static final String TELEGRAM =
      "پیام رهبر انقلاب به مناسبت آغاز سال ۱۳۹۷: ما می‌خواهیم کشور را با کار و تلاش بسازیم و از همه‌ی جوانان دعوت می‌کنیم. "
          + "متن کامل در t.me/khamenei_ir #پیام_نوروزی #خبر‌فوری @khamenei_ir";
  /** The same post cross-posted to Soroush: Arabic kaf and yeh, ASCII digits, no ZWNJ, other link and hashtags. */
  private static final String SOROUSH =
      "پيام رهبر انقلاب به مناسبت آغاز سال 1397: ما ميخواهيم كشور را با كار و تلاش بسازيم و از همهي جوانان دعوت ميكنيم. "
          + "متن كامل در https://sapp.ir/khamenei_ir #سروش‌پلاس";
  private static final String UNRELATED =
      "گزارش هواشناسی امروز: آسمان تهران صاف تا کمی ابری، وزش باد شدید در استان‌های جنوبی و بارش باران در شمال کشور پیش‌بینی می‌شود.";

  @Test
  void crossPostedCopiesWithDifferentLetterFormsDigitsLinksAndHashtagsAreIdentical() {
    assertThat(MinHasher.comparable(SOROUSH)).isEqualTo(MinHasher.comparable(TELEGRAM));
    long[] a = MinHasher.minimums(TELEGRAM);
    long[] b = MinHasher.minimums(SOROUSH);
    assertThat(MinHasher.similarity(MinHasher.pack(a), MinHasher.pack(b))).isEqualTo(1.0);
    assertThat(sharedBands(a, b)).isEqualTo(MinHasher.BANDS);
  }

  @Test
  void unrelatedTextsAreFarApartAndRarelyShareABucket() {
    long[] a = MinHasher.minimums(TELEGRAM);
    long[] c = MinHasher.minimums(UNRELATED);
    assertThat(MinHasher.similarity(MinHasher.pack(a), MinHasher.pack(c))).isLessThan(0.3);
    assertThat(sharedBands(a, c)).isLessThanOrEqualTo(1);
  }

  @Test
  void aLightlyEditedCopyStaysSimilar() {
    String edited = TELEGRAM.replace("جوانان", "جوانان عزیز");
    double s = MinHasher.similarity(MinHasher.pack(MinHasher.minimums(TELEGRAM)), MinHasher.pack(MinHasher.minimums(edited)));
    assertThat(s).isGreaterThan(0.7).isLessThan(1.0);
  }

  @Test
  void tooShortTextsHaveNoSignature() {
    assertThat(MinHasher.minimums("سلام دوستان عزیز 🌹")).isNull();
    // long only because of links, hashtags and mentions
    assertThat(MinHasher.minimums("t.me/khamenei_ir https://sapp.ir/khamenei_ir #سروش #ایتا #بله @khamenei_ir @leader_ir")).isNull();
    assertThat(MinHasher.minimums("")).isNull();
  }

  /** The hand-written scan gives what the equivalent regular expressions ({@link #byPatterns}) give, on texts made to trip it. */
  @Test
  void comparableTextIsWhatTheRegularExpressionsGive() {
    String[] pieces = {"سلام", " ", "  ", ".", ". ", "t.me/x_y", "WWW.Sapp.IR/a?b=1", "http://", "e.g", "a.bc", "@", "#", "_",
        "@leader_ir", "#خبر‌فوری", "۱۳۹۷", "1397", "كاربر", "ي", "🌹", "🇮🇷", "‌", " ", "\t", "\n", "،", "!", "-",
        "x", "Ⅻ", "²", "ـ", "َ", "ABC", "(", ")", "\"", "𝐀"};
    java.util.Random random = new java.util.Random(11);
    for (int run = 0; run < 5_000; run++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(30); i >= 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertThat(MinHasher.comparable(t)).as(t).isEqualTo(byPatterns(t));
    }
  }

  private static String byPatterns(String text) {
    String s = text.replaceAll("(?i)(https?://)?(www\\.)?[a-z0-9.-]+\\.[a-z]{2,}(/\\S*)?", " ")
        .replaceAll("[@#][\\p{L}\\p{N}_\\u200C]+", " ");
    return org.kooch.schemas.PersianText.matchKey(s).replaceAll("[^\\p{L}\\p{N} ]", "").replaceAll(" +", " ").strip();
  }

  @Test
  void bandsOfTheSameRowsInDifferentPositionsHaveDifferentKeys() {
    long[] same = new long[MinHasher.HASHES];
    assertThat(MinHasher.bandKey(same, 0)).isNotEqualTo(MinHasher.bandKey(same, 1));
  }

  @Test
  void packedSignaturesCountEqualMinimumsLaneByLane() {
    long[] a = MinHasher.minimums(TELEGRAM);
    long[] b = a.clone();
    b[0] ^= 1; // first lane of the first long
    b[5] ^= 0x10000; // above the 16 bits kept: still equal
    b[31] ^= 0x8000; // last lane of the last long
    assertThat(MinHasher.similarity(MinHasher.pack(a), MinHasher.pack(b))).isEqualTo(30.0 / 32);
  }

  @Test
  void similarityOfRandomTextsFollowsTheirJaccardSimilarity() {
    java.util.Random random = new java.util.Random(42);
    String alphabet = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی ";
    double totalError = 0;
    for (int run = 0; run < 20; run++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 400; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String original = text.toString();
      // replace the tail: about half the shingles stay shared
      String edited = original.substring(0, 270) + new StringBuilder(original.substring(270)).reverse();
      double s = MinHasher.similarity(MinHasher.pack(MinHasher.minimums(original)), MinHasher.pack(MinHasher.minimums(edited)));
      double jaccard = jaccard(MinHasher.comparable(original), MinHasher.comparable(edited));
      assertThat(Math.abs(s - jaccard)).as("estimate %s against Jaccard %s", s, jaccard).isLessThan(0.25);
      totalError += Math.abs(s - jaccard);
    }
    assertThat(totalError / 20).as("mean error").isLessThan(0.08);
  }

  /** Short texts leave bins empty: the filled-in bins still agree for copies and not for others. */
  @Test
  void shortTextsNearTheMinimumLengthStillCompare() {
    String a = "امروز جلسه شورای شهر با حضور اعضا برگزار شد";
    assertThat(MinHasher.comparable(a).length()).isBetween(MinHasher.MIN_LENGTH, MinHasher.MIN_LENGTH + 10);
    long[] sa = MinHasher.pack(MinHasher.minimums(a));
    assertThat(MinHasher.similarity(sa, MinHasher.pack(MinHasher.minimums(a.replace("ي", "ی") + " #خبر")))).isEqualTo(1.0);
    assertThat(MinHasher.similarity(sa, MinHasher.pack(MinHasher.minimums("فردا نشست هیئت دولت بدون حضور خبرنگاران تشکیل می‌شود"))))
        .isLessThan(0.3);
  }

  private static double jaccard(String a, String b) {
    java.util.Set<String> x = shingles(a);
    java.util.Set<String> y = shingles(b);
    java.util.Set<String> both = new java.util.HashSet<>(x);
    both.retainAll(y);
    java.util.Set<String> any = new java.util.HashSet<>(x);
    any.addAll(y);
    return (double) both.size() / any.size();
  }

  private static java.util.Set<String> shingles(String s) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i + MinHasher.SHINGLE <= s.length(); i++) {
      out.add(s.substring(i, i + MinHasher.SHINGLE));
    }
    return out;
  }

  private static int sharedBands(long[] a, long[] b) {
    int n = 0;
    for (int band = 0; band < MinHasher.BANDS; band++) {
      if (MinHasher.bandKey(a, band) == MinHasher.bandKey(b, band)) {
        n++;
      }
    }
    return n;
  }

  /** The table of the chars below U+0800 and the category test agree on every code point. */
  @Test
  void letterOrNumberLookupMatchesTheUnicodeCategories() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      boolean expected = Character.isLetter(c) || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
          || Character.getType(c) == Character.LETTER_NUMBER || Character.getType(c) == Character.OTHER_NUMBER;
      if (MinHasher.isLetterOrNumber(c) != expected) {
        throw new AssertionError("U+" + Integer.toHexString(c));
      }
    }
  }
}
