package org.kooch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersianTextTest {
  @Test
  void matchKeyFoldsArabicVariantsDigitsZwnjAndSpacing() {
    String arabic = "كانال  رسمي\u200cما ۱۲۳ ٤٥";
    String persian = "کانال رسمیما 123 45";
    assertThat(PersianText.matchKey(arabic)).isEqualTo(PersianText.matchKey(persian));
    assertThat(PersianText.matchKey("مُحَمَّد")).isEqualTo("محمد");
    assertThat(PersianText.matchKey("ســـلام")).isEqualTo("سلام");
  }

  @Test
  void keepsEmojiIncludingZwjSequences() {
    String family = "👨\u200D👩\u200D👧 سلام 🌹";
    assertThat(PersianText.matchKey(family)).isEqualTo(family);
  }

  @Test
  void asciiDigits() {
    assertThat(PersianText.asciiDigits("۱۲٫۵ هزار")).isEqualTo("12.5 هزار");
    assertThat(PersianText.asciiDigits("١٢٣")).isEqualTo("123");
  }

  /** The lower-casing shortcut for ASCII and the Arabic block agrees with Character.toLowerCase on every char. */
  @Test
  void lowerCasesEveryCharAsCharacterDoes() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      assertThat(PersianText.lowerCase((char) c)).as("U+%04X", c).isEqualTo(Character.toLowerCase((char) c));
    }
    assertThat(PersianText.matchKey("ÀB Ωمثال")).isEqualTo("àb ωمثال");
  }
}
