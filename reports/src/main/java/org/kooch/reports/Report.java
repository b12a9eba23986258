package org.kooch.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.queries.Announcements;
import org.kooch.queries.Attention;
import org.kooch.queries.ChannelChanges;
import org.kooch.queries.MigrationFlows;
import org.kooch.queries.PlatformSeries;
import org.kooch.queries.Table;

/**
 * One generated report: the HTML document and the CSV files with the rows behind it, named
 * {@code kooch-PERIOD-END.html} and {@code kooch-PERIOD-END-VIEW.csv}. The CSV is for
 * spreadsheets: text that would start a formula is neutralised ({@link SpreadsheetCsv}).
 */
public record Report(String name, String subject, String html, Map<String, String> csv) {

  public static Report of(ReportData d, Instant generatedAt) {
    String name = "kooch-" + d.period().id() + "-" + d.end();
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("platforms", PlatformSeries.table(d.platformRows()));
    tables.put("flows", MigrationFlows.dailyTable(d.flowRows()));
    tables.put("channels", ChannelChanges.table(d.changes()));
    tables.put("announcements", Announcements.table(d.announcements()));
    tables.put("attention", Attention.platformTable(d.attentionRows()));
    Map<String, String> csv = new LinkedHashMap<>();
    tables.forEach((view, t) -> csv.put(name + "-" + view + ".csv", SpreadsheetCsv.of(t)));
    String subject = "Kooch " + d.period().id() + " report: " + d.period().covered(d.end()).from()
        + (d.period() == ReportPeriod.DAILY ? "" : " to " + d.end());
    return new Report(name, subject, HtmlReport.render(d, generatedAt), csv);
  }

  public String htmlFileName() {
    return name + ".html";
  }

  /** Writes the HTML and CSV files (UTF-8) into {@code dir}, creating it; returns the files written. */
  public List<Path> writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.add(Files.writeString(dir.resolve(htmlFileName()), html, StandardCharsets.UTF_8));
    for (Map.Entry<String, String> f : csv.entrySet()) {
      written.add(Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8));
    }
    return written;
  }
}
