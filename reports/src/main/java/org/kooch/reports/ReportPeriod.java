package org.kooch.reports;

import java.time.LocalDate;
import java.util.Locale;
import org.kooch.queries.BadRequestException;
import org.kooch.queries.DateRange;

/**
 * What a report covers: the last day or the last 7 days up to its end day. Changes are measured
 * from the day before the period; charts show a longer window for context.
 */
public enum ReportPeriod {
  DAILY(1, 30, "Daily", "گزارش روزانه"),
  WEEKLY(7, 91, "Weekly", "گزارش هفتگی");

  private final int days;
  private final int chartDays;
  private final String title;
  private final String titleFa;

  ReportPeriod(int days, int chartDays, String title, String titleFa) {
    this.days = days;
    this.chartDays = chartDays;
    this.title = title;
    this.titleFa = titleFa;
  }

  public static ReportPeriod parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestException("report period must be daily or weekly, not '" + value + "'");
    }
  }

  /** The days the report is about. */
  public DateRange covered(LocalDate end) {
    return new DateRange(end.minusDays(days - 1L), end);
  }

  /** The covered days and the day before, the baseline of every change. */
  public DateRange withBaseline(LocalDate end) {
    return new DateRange(end.minusDays(days), end);
  }

  /** The charts' window. */
  public DateRange chartWindow(LocalDate end) {
    return new DateRange(end.minusDays(chartDays - 1L), end);
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String title() {
    return title;
  }

  public String titleFa() {
    return titleFa;
  }
}
