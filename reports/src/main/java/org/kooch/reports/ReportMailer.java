package org.kooch.reports;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends a report over SMTP (Jakarta Mail): the HTML document as the message body, with inline SVG
 * charts, and the CSV files as UTF-8 attachments.
 */
public final class ReportMailer {
  private final MailSettings settings;

  public ReportMailer(MailSettings settings) {
    this.settings = settings;
  }

  public void send(Report report) throws MessagingException {
    MimeMessage m = settings.newMessage();
    m.setSubject(report.subject(), StandardCharsets.UTF_8.name());
    MimeMultipart parts = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setText(report.html(), StandardCharsets.UTF_8.name(), "html");
    parts.addBodyPart(body);
    for (Map.Entry<String, String> csv : report.csv().entrySet()) {
      MimeBodyPart a = new MimeBodyPart();
      a.setText(csv.getValue(), StandardCharsets.UTF_8.name(), "csv");
      a.setFileName(csv.getKey());
      a.setDisposition(MimeBodyPart.ATTACHMENT);
      parts.addBodyPart(a);
    }
    m.setContent(parts);
    settings.send(m);
  }
}
