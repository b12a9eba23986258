package org.kooch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kooch.queries.Table;

/** CSV injection (OWASP): text that a spreadsheet would run as a formula is neutralised, nothing else changes. */
class SpreadsheetCsvTest {
  @Test
  void textThatStartsAFormulaGetsAQuote() {
    assertThat(SpreadsheetCsv.neutralise("=HYPERLINK(\"http://x.example\",\"click\")")).isEqualTo("'=HYPERLINK(\"http://x.example\",\"click\")");
    assertThat(SpreadsheetCsv.neutralise("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(SpreadsheetCsv.neutralise("-2+3")).isEqualTo("'-2+3");
    assertThat(SpreadsheetCsv.neutralise("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
    assertThat(SpreadsheetCsv.neutralise("\t=1+1")).isEqualTo("'\t=1+1");
    assertThat(SpreadsheetCsv.neutralise("\r=1+1")).isEqualTo("'\r=1+1");
  }

  @Test
  void numbersAndOrdinaryTextPassUnchanged() {
    for (String s : List.of("-200", "+5", "-1.5", "3e7", "", "a=b", "kanal 1 + 2", "کانال الف 🌹", "📣 ما را در سروش دنبال کنید", "'quoted")) {
      assertThat(SpreadsheetCsv.neutralise(s)).as(s).isEqualTo(s);
    }
  }

  @Test
  void aTableKeepsNumbersAsNumbersAndPersianByteForByte() {
    String persian = "کانال رسمی الف\u200cب 🌹";
    Table t = new Table(List.of("channel", "title", "change", "links"), List.of(
        Arrays.asList("a_chan", persian, -200L, List.of("https://sapp.ir/a_chan")),
        Arrays.asList("=evil", "-1+1", -5L, List.of("=cmd|x", "https://ok.example")),
        Arrays.asList("b_chan", null, 0L, List.of())));
    String csv = SpreadsheetCsv.of(t);
    assertThat(csv.lines().toList()).containsExactly(
        "channel,title,change,links",
        "a_chan," + persian + ",-200,https://sapp.ir/a_chan",
        "'=evil,'-1+1,-5,'=cmd|x|https://ok.example",
        "b_chan,,0,");
    assertThat(csv.getBytes(StandardCharsets.UTF_8)).containsSubsequence(persian.getBytes(StandardCharsets.UTF_8));
  }
}
