package org.kooch.reports;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Sends a report over SMTP (Jakarta Mail): the HTML document as the message body, with inline SVG
 * charts, and the CSV files as UTF-8 attachments.
 */
public final class ReportMailer {
  private static final String TIMEOUT_MS = "15000";

  private final MailSettings settings;

  public ReportMailer(MailSettings settings) {
    this.settings = settings;
  }

  public void send(Report report) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", String.valueOf(settings.port()));
    p.put("mail.smtp.auth", String.valueOf(!settings.user().isEmpty()));
    p.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.put("mail.smtp.timeout", TIMEOUT_MS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MS);
    Session session = Session.getInstance(p);

    MimeMessage m = new MimeMessage(session);
    m.setFrom(MailSettings.requireAddress(settings.from()));
    for (String to : settings.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    m.setSubject(report.subject(), StandardCharsets.UTF_8.name());
    m.setSentDate(new Date());
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
    m.saveChanges();
    if (settings.user().isEmpty()) {
      Transport.send(m);
    } else {
      Transport.send(m, settings.user(), settings.password());
    }
  }
}
