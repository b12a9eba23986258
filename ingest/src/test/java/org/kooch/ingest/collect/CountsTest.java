package org.kooch.ingest.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kooch.schemas.InvalidRecordException;

class CountsTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "705|705|true",
        "1.2K|1200|false",
        "705.3K|705300|false",
        "1.6M|1600000|false",
        "1M|1000000|false",
        "2.1B|2100000000|false",
        "1 612 907 subscribers|1612907|true",
        "1\u00A0612\u00A0907 subscribers|1612907|true",
        "1\u202F612\u202F907|1612907|true",
        "1,612,907 members|1612907|true",
        "45 210 subscribers, 1 020 online|45210|true",
        "۱۲٫۵ هزار دنبال\u200Cکننده|12500|false",
        "۱۲٫۵هزار|12500|false",
        "۱٫۲ میلیون|1200000|false",
        "۸۴۵|845|true",
        "٣٤٥ عضو|345|true",
        "۱۲٬۳۴۵ دنبال\u200Cکننده|12345|true",
        "  12.7k |12700|false",
      })
  void readsCountersAsPagesWriteThem(String text, long value, boolean exact) {
    assertThat(Counts.parse(text)).isEqualTo(new Count(value, exact));
  }

  @Test
  void theUnitAfterTheNumberIsNotASuffix() {
    // "m" of "members" must not make 1 612 907 a million times larger.
    assertThat(Counts.parse("1 612 907 members").value()).isEqualTo(1_612_907);
    assertThat(Counts.parse("12 members").value()).isEqualTo(12);
    assertThat(Counts.parse("3 Kanäle").value()).isEqualTo(3);
  }

  @Test
  void refusesWhatIsNotACounter() {
    assertThatThrownBy(() -> Counts.parse("1.2X")).isInstanceOf(InvalidRecordException.class).hasMessage("'1.2X' is not a counter");
    assertThatThrownBy(() -> Counts.parse("subscribers")).hasMessage("'subscribers' is not a counter");
    assertThatThrownBy(() -> Counts.parse("12.5")).hasMessage("'12.5' is not a whole count");
    assertThatThrownBy(() -> Counts.parse(" ")).hasMessage("counter is empty");
    assertThatThrownBy(() -> Counts.parse("99999999999999999999")).hasMessageContaining("too large");
  }
}
