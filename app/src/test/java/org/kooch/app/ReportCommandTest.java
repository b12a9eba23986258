package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.concat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kooch report} through the real command line over the shared scenario run: files written,
 * the report mailed to a real SMTP server in-process (GreenMail); bad options refused.
 */
class ReportCommandTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void weeklyReportIsWrittenAndMailed(@TempDir Path dir) throws Exception {
    ScenarioDatabase db = ScenarioDatabase.shared();
    EndToEndTest.Result r = EndToEndTest.kooch(concat(new String[] {"report", "--period", "weekly", "--out", dir.toString(),
        "--end", "2018-05-06", "--mail-to", "analysts@kooch.test", "--mail-from", "kooch@kooch.test",
        "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(smtp.getSmtp().getPort())}, db.connection()));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote " + dir.resolve("kooch-weekly-2018-05-06.html"))
        .contains("mailed 'Kooch weekly report: 2018-04-30 to 2018-05-06' to analysts@kooch.test");
    String html = Files.readString(dir.resolve("kooch-weekly-2018-05-06.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("<td>Telegram</td><td>Soroush</td>", "<svg", "ما را در این پیام‌رسان‌ها هم دنبال کنید");
    assertThat(Files.readString(dir.resolve("kooch-weekly-2018-05-06-flows.csv"))).startsWith("day,from_platform,to_platform")
        .contains("2018-05-01,telegram,eitaa,");
    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMultipart parts = (MimeMultipart) smtp.getReceivedMessages()[0].getContent();
    assertThat(parts.getCount()).isEqualTo(1 + 5); // the HTML, and the CSV files of platforms, flows, channels, announcements, attention
    assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).as("the mail body is the report").isEqualTo(html);
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingRuns(@TempDir Path dir) {
    String[] conn = {"--clickhouse", "http://127.0.0.1:18123", "--database", "kooch_not_used"};
    EndToEndTest.Result period = EndToEndTest.kooch(concat(new String[] {"report", "--period", "monthly", "--out", dir.toString()}, conn));
    assertThat(period.exit()).isEqualTo(1);
    assertThat(period.err()).contains("report period must be daily or weekly, not 'monthly'");
    EndToEndTest.Result end = EndToEndTest.kooch(concat(new String[] {"report", "--end", "last week", "--out", dir.toString()}, conn));
    assertThat(end.err()).contains("--end must be a date like 2018-04-30 (YYYY-MM-DD), got 'last week'");
    EndToEndTest.Result to = EndToEndTest.kooch(concat(new String[] {"report", "--out", dir.toString(), "--mail-to", "analysts"}, conn));
    assertThat(to.err()).contains("not an e-mail address: 'analysts'");
    EndToEndTest.Result cron = EndToEndTest.kooch(concat(new String[] {"serve", "--port", "0", "--report-cron", "0 6 * *"}, conn));
    assertThat(cron.exit()).isEqualTo(1);
    assertThat(cron.err()).contains("cron expression must have 5 fields (minute hour day-of-month month day-of-week)");
  }
}
