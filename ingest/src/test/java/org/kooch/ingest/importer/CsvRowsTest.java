package org.kooch.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows with the line they start on and their exact text, including quoted line breaks. */
class CsvRowsTest {
  @Test
  void quotedCellsKeepCommasQuotesAndLineBreaksAndRowsKeepTheirExactText() throws Exception {
    String persian = "سلام، دنیا, \"نقل\"\r\nخط دوم می\u200cشود 🌹🇮🇷";
    String quoted = "\"" + persian.replace("\"", "\"\"") + "\"";
    String csv = "\uFEFFa,b\r\n" + "1," + quoted + "\r\n" + "\r\n" + ",x\r\n" + "last,row";

    List<CsvRows.Row> rows = read(csv);

    assertThat(rows).extracting(CsvRows.Row::line).containsExactly(1, 2, 4, 5, 6);
    assertThat(rows.get(0).cells()).containsExactly("\uFEFFa", "b");
    assertThat(rows.get(1).cells()).containsExactly("1", persian);
    assertThat(rows.get(1).raw()).isEqualTo("1," + quoted);
    assertThat(rows.get(2).blank()).isTrue();
    assertThat(rows.get(3).cells()).containsExactly("", "x");
    assertThat(rows.get(3).raw()).isEqualTo(",x");
    assertThat(rows.get(4).raw()).isEqualTo("last,row");
  }

  @Test
  void rowsLongerThanTheParsersBufferAreCutOutWhole() throws Exception {
    // Several rows of ~3,000 characters: each spans the parser's read-ahead blocks.
    StringBuilder csv = new StringBuilder("h\n");
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String cell = ("ردیف " + i + " ").repeat(400);
      cells.add(cell);
      csv.append('"').append(cell).append("\"\n");
    }
    List<CsvRows.Row> rows = read(csv.toString());
    assertThat(rows).hasSize(6);
    for (int i = 0; i < 5; i++) {
      assertThat(rows.get(i + 1).cells()).containsExactly(cells.get(i));
      assertThat(rows.get(i + 1).raw()).isEqualTo("\"" + cells.get(i) + "\"");
    }
  }

  @Test
  void anUnclosedQuoteStopsAtTheLineWhereItsRowBegins() {
    String csv = "a,b\n1,2\n3,\"never closed\n4,5\n";
    assertThatThrownBy(() -> read(csv))
        .isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("f.csv:3: malformed CSV in the row starting here (Missing closing quote");
  }

  private static List<CsvRows.Row> read(String csv) throws Exception {
    List<CsvRows.Row> rows = new ArrayList<>();
    try (CsvRows r = new CsvRows(new StringReader(csv), "f.csv")) {
      CsvRows.Row row;
      while ((row = r.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }
}
