package org.kooch.streaming.flows;

/**
 * How exact a subscriber count probably is. Preview pages round counters to one decimal of
 * thousands or millions ("705.3K", "1.6M", "۱۲٫۵ هزار"), so a count that is a whole multiple of
 * that unit is treated as rounded: its true value lies within half a unit. An exact count is a
 * multiple of 100 only once in a hundred, so the guess is rarely wrong, and then harmlessly so.
 */
public final class CounterPrecision {
  private CounterPrecision() {}

  /** Half the rounding unit the value looks rounded to, or 0 when it looks exact. */
  public static long halfUnit(long value) {
    if (value >= 1_000_000 && value % 100_000 == 0) {
      return 50_000;
    }
    if (value >= 1_000 && value % 100 == 0) {
      return 50;
    }
    return 0;
  }
}
