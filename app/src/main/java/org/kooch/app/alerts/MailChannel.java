package org.kooch.app.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.kooch.queries.Alerts;
import org.kooch.reports.MailSettings;

/**
 * E-mails each alert as a short plain-text message, over the SMTP server of {@link MailSettings}
 * (as reports are mailed). The alert's id is in the subject and in a {@code X-Kooch-Alert-Id}
 * header, so a mail resent after a crash can be recognised.
 */
public final class MailChannel implements AlertChannel {
  private static final String TIMEOUT_MS = "15000";

  private final MailSettings settings;

  public MailChannel(MailSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "mail";
  }

  @Override
  public void deliver(Alerts.Alert a) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", String.valueOf(settings.port()));
    p.put("mail.smtp.auth", String.valueOf(!settings.user().isEmpty()));
    p.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.put("mail.smtp.timeout", TIMEOUT_MS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MS);
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress(settings.from(), true));
    for (String to : settings.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    m.setSubject(subject(a), StandardCharsets.UTF_8.name());
    m.setHeader(WebhookChannel.ALERT_ID_HEADER, a.alertId());
    m.setSentDate(new Date());
    m.setText(text(a), StandardCharsets.UTF_8.name());
    m.saveChanges();
    if (settings.user().isEmpty()) {
      Transport.send(m);
    } else {
      Transport.send(m, settings.user(), settings.password());
    }
  }

  static String subject(Alerts.Alert a) {
    String what = "inferred".equals(a.kind()) ? " looks like the same owner as " : " announced ";
    return "Kooch: " + a.fromPlatform() + "/" + a.fromChannel() + what + a.toPlatform() + "/" + a.toChannel() + " [" + a.alertId() + "]";
  }

  static String text(Alerts.Alert a) {
    return "A move has started.\n\n"
        + "from:       " + a.fromPlatform() + "/" + a.fromChannel() + "\n"
        + "to:         " + a.toPlatform() + "/" + a.toChannel() + "\n"
        + "kind:       " + a.kind() + "\n"
        + "evidence:   " + a.evidence() + (a.postId() == null ? "" : " (post " + a.postId() + ")") + "\n"
        + "confidence: " + a.confidence() + "\n"
        + "seen at:    " + a.seenAt() + " UTC\n"
        + "raised at:  " + a.raisedAt() + " UTC\n"
        + "alert id:   " + a.alertId() + "\n";
  }

  @Override
  public String toString() {
    return "mail to " + String.join(",", settings.to());
  }
}
