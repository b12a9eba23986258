package org.kooch.dashboards;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A validated, inclusive range of UTC days from request parameters; bad input is a 400. */
public record DateRange(LocalDate from, LocalDate to) {
  public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  public static final LocalDate LATEST = LocalDate.of(2100, 1, 1);

  public static DateRange parse(String from, String to) {
    LocalDate f = from == null || from.isBlank() ? EARLIEST : date("from", from);
    LocalDate t = to == null || to.isBlank() ? LATEST : date("to", to);
    if (t.isBefore(f)) {
      throw new BadRequestException("'to' (" + t + ") is before 'from' (" + f + ")");
    }
    return new DateRange(f, t);
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("'" + name + "' must be a date like 2018-04-30, got '" + value + "'");
    }
  }
}
