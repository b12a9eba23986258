package org.kooch.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  static ZonedDateTime t(String s) {
    return ZonedDateTime.parse(s + "Z");
  }

  @Test
  void mondaysAtSix() {
    CronSchedule c = CronSchedule.parse("0 6 * * MON");
    assertThat(c.next(t("2018-04-18T10:15:00"))).isEqualTo(t("2018-04-23T06:00:00")); // a Wednesday
    assertThat(c.next(t("2018-04-23T05:59:59"))).isEqualTo(t("2018-04-23T06:00:00"));
    assertThat(c.next(t("2018-04-23T06:00:00"))).isEqualTo(t("2018-04-30T06:00:00")); // strictly after
  }

  @Test
  void stepsRangesListsAndNames() {
    assertThat(CronSchedule.parse("*/15 * * * *").next(t("2018-04-18T10:16:00"))).isEqualTo(t("2018-04-18T10:30:00"));
    assertThat(CronSchedule.parse("30 8-10/2 * * *").next(t("2018-04-18T09:00:00"))).isEqualTo(t("2018-04-18T10:30:00"));
    assertThat(CronSchedule.parse("0 0 1,15 * *").next(t("2018-04-02T00:00:00"))).isEqualTo(t("2018-04-15T00:00:00"));
    assertThat(CronSchedule.parse("0 12 * FEB sun").next(t("2018-04-18T00:00:00"))).isEqualTo(t("2019-02-03T12:00:00"));
    assertThat(CronSchedule.parse("0 0 * * 7").next(t("2018-04-18T00:00:00"))).isEqualTo(t("2018-04-22T00:00:00"));
    assertThat(CronSchedule.parse("0 0 29 2 *").next(t("2018-04-18T00:00:00"))).isEqualTo(t("2020-02-29T00:00:00"));
  }

  @Test
  void bothDayFieldsRestrictedMeansEither() {
    // the 13th, or any Friday
    CronSchedule c = CronSchedule.parse("0 0 13 * FRI");
    assertThat(c.next(t("2018-04-01T00:00:00"))).isEqualTo(t("2018-04-06T00:00:00"));
    assertThat(c.next(t("2018-04-12T00:00:00"))).isEqualTo(t("2018-04-13T00:00:00"));
  }

  @Test
  void badExpressionsSayWhatIsWrong() {
    assertThatThrownBy(() -> CronSchedule.parse("0 6 * *"))
        .hasMessageContaining("must have 5 fields (minute hour day-of-month month day-of-week)").hasMessageContaining("got 4");
    assertThatThrownBy(() -> CronSchedule.parse("61 6 * * MON")).hasMessageContaining("cron minute field '61' is not valid")
        .hasMessageContaining("values 0-59");
    assertThatThrownBy(() -> CronSchedule.parse("0 6 * * MONDAY")).hasMessageContaining("day-of-week field 'MONDAY'");
    assertThatThrownBy(() -> CronSchedule.parse("0 6 5-1 * *")).hasMessageContaining("day-of-month field '5-1'");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never fires");
  }
}
