package org.kooch.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.queries.KnownRows;

/**
 * A cron schedule fires a real report into a real SMTP server (GreenMail, in-process). The clock
 * is the system clock moved to just before Monday 06:30 UTC, so the test waits under a second.
 */
class ReportSchedulerTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void mondayMorningReportArrivesByMailWithItsCsvFiles(@TempDir Path dir) throws Exception {
    smtp.setUser("analysts@kooch.test", "kooch-reports", "s3cret-pw");
    ClickHouseSettings readOnly = ClickHouseTestServer.readOnly(KnownRows.database("scheduled"));
    MailSettings mail = new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "kooch-reports", "s3cret-pw", false,
        "kooch@kooch.test", List.of("analysts@kooch.test"));
    assertThat(mail.toString()).doesNotContain("s3cret-pw").contains("password=****");
    Instant justBefore = Instant.parse("2018-06-11T06:29:59.400Z"); // a Monday
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), justBefore));
    ReportJob job = new ReportJob(readOnly, ReportPeriod.WEEKLY, dir, new ReportMailer(mail), clock);

    try (ReportScheduler scheduler = new ReportScheduler(CronSchedule.parse("30 6 * * MON"), clock, job::runScheduled)) {
      assertThat(scheduler.start()).isEqualTo(ZonedDateTime.parse("2018-06-11T06:30Z"));
      assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("a mail within 15 s").isTrue();
      long deadline = System.currentTimeMillis() + 5_000;
      while (!scheduler.nextRun().equals(ZonedDateTime.parse("2018-06-18T06:30Z")) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(scheduler.nextRun()).as("the next Monday").isEqualTo(ZonedDateTime.parse("2018-06-18T06:30Z"));
    }

    MimeMessage m = smtp.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("Kooch weekly report: 2018-04-13 to 2018-04-19");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("analysts@kooch.test");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
    String html = (String) parts.getBodyPart(0).getContent();
    assertThat(html).contains("<svg", "گزارش هفتگی کوچ", KnownRows.ANNOUNCEMENT).doesNotContain("<script");
    Map<String, String> attachments = new LinkedHashMap<>();
    for (int i = 1; i < parts.getCount(); i++) {
      assertThat(parts.getBodyPart(i).getContentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
      attachments.put(parts.getBodyPart(i).getFileName(),
          new String(parts.getBodyPart(i).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(attachments.keySet()).containsExactly("kooch-weekly-2018-04-19-platforms.csv", "kooch-weekly-2018-04-19-flows.csv",
        "kooch-weekly-2018-04-19-channels.csv", "kooch-weekly-2018-04-19-announcements.csv",
        "kooch-weekly-2018-04-19-attention.csv");
    assertThat(attachments.get("kooch-weekly-2018-04-19-channels.csv")).contains(KnownRows.TITLE);
    assertThat(Files.exists(dir.resolve("kooch-weekly-2018-04-19.html"))).isTrue();
  }

  @Test
  void mailSettingsRefuseWhatCannotWork() {
    assertThatThrownBy(() -> new MailSettings("", 25, "", "", false, "a@b.org", List.of("c@d.org")))
        .hasMessageContaining("an SMTP host is needed");
    assertThatThrownBy(() -> new MailSettings("h", 25, "", "", false, "a@b.org", List.of("not an address")))
        .hasMessage("not an e-mail address: 'not an address'");
    assertThatThrownBy(() -> new MailSettings("h", 25, "", "", false, "a@b.org", List.of())).hasMessageContaining("--mail-to");
    assertThatThrownBy(() -> ReportPeriod.parse("monthly")).hasMessage("report period must be daily or weekly, not 'monthly'");
  }
}
