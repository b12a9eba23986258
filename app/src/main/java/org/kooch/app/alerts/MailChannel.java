package org.kooch.app.alerts;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.kooch.queries.Alerts;
import org.kooch.reports.MailSettings;

/**
 * E-mails each alert as a short plain-text message, over the SMTP server of {@link MailSettings}
 * (as reports are mailed). The alert's id is in the subject and in a {@code X-Kooch-Alert-Id}
 * header, so a mail resent after a crash can be recognised.
 */
public final class MailChannel implements AlertChannel {
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
    MimeMessage m = settings.newMessage();
    m.setSubject(subject(a), StandardCharsets.UTF_8.name());
    m.setHeader(WebhookChannel.ALERT_ID_HEADER, a.alertId());
    m.setText(text(a), StandardCharsets.UTF_8.name());
    settings.send(m);
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
