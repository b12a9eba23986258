package org.kooch.queries;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A validated, inclusive range of UTC days from request parameters or options; bad input is a 400. */
public record DateRange(LocalDate from, LocalDate to) {
  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  public static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

  /** Every day. */
  public static DateRange all() {
    return new DateRange(EARLIEST, LATEST);
  }

  /** From the API's {@code from}/{@code to} parameters (blank: open). */
  public static DateRange parse(String from, String to) {
    return parse(from, to, "'from'", "'to'");
  }

  /** As {@link #parse(String, String)}, naming the values as the caller's user knows them (e.g. --from). */
  public static DateRange parse(String from, String to, String fromName, String toName) {
    LocalDate f = from == null || from.isBlank() ? EARLIEST : date(fromName, from);
    LocalDate t = to == null || to.isBlank() ? LATEST : date(toName, to);
    if (t.isBefore(f)) {
      throw new BadRequestException(toName + " (" + t + ") is before " + fromName + " (" + f + ")");
    }
    return new DateRange(f, t);
  }

  /** SQL condition: {@code column} (a Date) within the range. */
  public String sql(String column) {
    return column + " >= toDate('" + from + "') AND " + column + " <= toDate('" + to + "')";
  }

  /**
   * SQL condition: {@code column} (a {@code DateTime('UTC')}) on one of the range's days. Compared with
   * string literals (read in the column's time zone), so that ClickHouse 18.16 prunes partitions by
   * it; {@code toDate(column)} would make it read every partition.
   */
  public String sqlTime(String column) {
    return column + " >= '" + from + " 00:00:00' AND " + column + " < '" + to.plusDays(1) + " 00:00:00'";
  }

  /** Every day from {@code first} to {@code last}, both included (empty when last is before first). */
  public static List<LocalDate> days(LocalDate first, LocalDate last) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(name + " must be a date like 2018-04-30 (YYYY-MM-DD), got '" + value + "'");
    }
  }
}
