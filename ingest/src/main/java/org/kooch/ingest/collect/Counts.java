package org.kooch.ingest.collect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PersianText;

/**
 * Reads the counters web pages show: "705", "1.2K", "705.3K", "1.6M", "1 612 907 subscribers",
 * "12,345", and Eitaa's Persian forms "۱۲٫۵ هزار دنبال‌کننده" (هزار thousand, میلیون million,
 * میلیارد billion, Persian digits and separators). Text after the number (the unit) is ignored.
 */
public final class Counts {
  // After asciiDigits: ٫ is '.', ٬ is ','. Thousands groups may be separated by spaces (also
  // no-break and thin spaces, as t.me writes them), commas or apostrophes.
  private static final Pattern COUNTER =
      Pattern.compile(
          "(?iu)^\\s*(\\d{1,3}(?:[ \\u00A0\\u2009\\u202F,'](?:\\d{3}))+|\\d+)(?:\\.(\\d+))?\\s*"
              + "(k|m|b|هزار|میلیون|میلیارد)?(?![\\p{L}\\p{N}.,])");

  private Counts() {}

  /** The counter at the start of {@code text}, or an {@link InvalidRecordException} quoting it. */
  public static Count parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidRecordException("counter is empty");
    }
    Matcher m = COUNTER.matcher(PersianText.asciiDigits(text));
    if (!m.find()) {
      throw new InvalidRecordException("'" + text.strip() + "' is not a counter");
    }
    String digits = m.group(1).replaceAll("[^0-9]", "");
    String fraction = m.group(2);
    String suffix = m.group(3);
    long multiplier = suffix == null ? 1 : multiplier(suffix.toLowerCase(Locale.ROOT));
    if (fraction != null && multiplier == 1) {
      throw new InvalidRecordException("'" + text.strip() + "' is not a whole count");
    }
    BigDecimal number = new BigDecimal(fraction == null ? digits : digits + "." + fraction);
    try {
      long value = number.multiply(BigDecimal.valueOf(multiplier)).setScale(0, RoundingMode.HALF_UP).longValueExact();
      return new Count(value, multiplier == 1);
    } catch (ArithmeticException e) {
      throw new InvalidRecordException("'" + text.strip() + "' is too large for a count");
    }
  }

  private static long multiplier(String suffix) {
    return switch (suffix) {
      case "k", "هزار" -> 1_000L;
      case "m", "میلیون" -> 1_000_000L;
      default -> 1_000_000_000L; // b, میلیارد
    };
  }
}
