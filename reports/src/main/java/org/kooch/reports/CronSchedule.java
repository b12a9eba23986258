package org.kooch.reports;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A classic 5-field cron expression, {@code minute hour day-of-month month day-of-week}, e.g.
 * {@code "0 6 * * MON"}. Fields take {@code *}, numbers, names (JAN-DEC, SUN-SAT; 0 and 7 are
 * Sunday), ranges {@code a-b}, lists {@code a,b} and steps {@code * /n}, {@code a-b/n}. As in cron,
 * when both day fields are restricted a day matching either one fires.
 */
public final class CronSchedule {
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final int SEARCH_DAYS = 366 * 5;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = field(f[0], "minute", 0, 59, List.of(), 0);
    this.hours = field(f[1], "hour", 0, 23, List.of(), 0);
    this.daysOfMonth = field(f[2], "day-of-month", 1, 31, List.of(), 0);
    this.months = field(f[3], "month", 1, 12, MONTHS, 1);
    BitSet dow = field(f[4], "day-of-week", 0, 7, DAYS, 0);
    if (dow.get(7)) {
      dow.set(0);
    }
    this.daysOfWeek = dow;
    this.anyDayOfMonth = f[2].equals("*");
    this.anyDayOfWeek = f[4].equals("*");
  }

  public static CronSchedule parse(String expression) {
    String[] f = expression == null ? new String[0] : expression.strip().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("cron expression must have 5 fields (minute hour day-of-month month day-of-week),"
          + " like \"0 6 * * MON\"; got " + (expression == null || expression.isBlank() ? 0 : f.length) + " in '" + expression + "'");
    }
    CronSchedule c = new CronSchedule(expression.strip(), f);
    c.next(ZonedDateTime.now(java.time.ZoneOffset.UTC)); // a date that never comes (30 February) is an error now, not later
    return c;
  }

  /** The first time strictly after {@code after} (to the minute) that the expression matches. */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusDays(SEARCH_DAYS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue()) || !dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t;
      }
    }
    throw new IllegalArgumentException("cron expression '" + expression + "' never fires");
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private BitSet field(String spec, String name, int min, int max, List<String> names, int nameBase) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",", -1)) {
      String[] stepSplit = part.split("/", -1);
      if (stepSplit.length > 2) {
        throw bad(name, part, min, max);
      }
      int step = stepSplit.length == 2 ? number(stepSplit[1], name, part, 1, max - min + 1, List.of(), 0) : 1;
      String range = stepSplit[0];
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw bad(name, part, min, max);
        }
        lo = number(ends[0], name, part, min, max, names, nameBase);
        hi = number(ends[1], name, part, min, max, names, nameBase);
      } else {
        lo = number(range, name, part, min, max, names, nameBase);
        hi = stepSplit.length == 2 ? max : lo;
      }
      if (hi < lo) {
        throw bad(name, part, min, max);
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private int number(String s, String name, String part, int min, int max, List<String> names, int nameBase) {
    int i = names.indexOf(s.toUpperCase(Locale.ROOT));
    if (i >= 0) {
      return i + nameBase;
    }
    try {
      int v = Integer.parseInt(s);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, part, min, max);
  }

  private IllegalArgumentException bad(String name, String part, int min, int max) {
    return new IllegalArgumentException("cron " + name + " field '" + part + "' is not valid in '" + expression + "' (values "
        + min + "-" + max + ", *, a-b, a,b, */n)");
  }

  @Override
  public String toString() {
    return expression;
  }
}
