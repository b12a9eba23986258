package org.kooch.streaming.links;

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
    long[] a = MinHasher.signature(TELEGRAM);
    long[] b = MinHasher.signature(SOROUSH);
    assertThat(MinHasher.similarity(a, b)).isEqualTo(1.0);
    assertThat(sharedBands(a, b)).isEqualTo(MinHasher.BANDS);
  }

  @Test
  void unrelatedTextsAreFarApartAndRarelyShareABucket() {
    long[] a = MinHasher.signature(TELEGRAM);
    long[] c = MinHasher.signature(UNRELATED);
    assertThat(MinHasher.similarity(a, c)).isLessThan(0.3);
    assertThat(sharedBands(a, c)).isLessThanOrEqualTo(1);
  }

  @Test
  void aLightlyEditedCopyStaysSimilar() {
    String edited = TELEGRAM.replace("جوانان", "جوانان عزیز");
    double s = MinHasher.similarity(MinHasher.signature(TELEGRAM), MinHasher.signature(edited));
    assertThat(s).isGreaterThan(0.7).isLessThan(1.0);
  }

  @Test
  void tooShortTextsHaveNoSignature() {
    assertThat(MinHasher.signature("سلام دوستان عزیز 🌹")).isNull();
    // long only because of links, hashtags and mentions
    assertThat(MinHasher.signature("t.me/khamenei_ir https://sapp.ir/khamenei_ir #سروش #ایتا #بله @khamenei_ir @leader_ir")).isNull();
    assertThat(MinHasher.signature("")).isNull();
  }

  @Test
  void bandKeysNameTheBand() {
    long[] a = MinHasher.signature(TELEGRAM);
    assertThat(MinHasher.bandKey(a, 0)).startsWith("0:");
    assertThat(MinHasher.bandKey(a, 7)).startsWith("7:");
    assertThat(MinHasher.bandKey(a, 0)).isNotEqualTo(MinHasher.bandKey(a, 1));
  }

  private static int sharedBands(long[] a, long[] b) {
    int n = 0;
    for (int band = 0; band < MinHasher.BANDS; band++) {
      if (MinHasher.bandKey(a, band).equals(MinHasher.bandKey(b, band))) {
        n++;
      }
    }
    return n;
  }
}
