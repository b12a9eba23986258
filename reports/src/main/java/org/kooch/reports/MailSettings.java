package org.kooch.reports;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Where reports and alerts are mailed from and to, and the SMTP server that takes them. The
 * password comes from the environment ({@code KOOCH_SMTP_PASSWORD}) and is never printed:
 * {@link #toString()} masks it.
 */
public record MailSettings(String host, int port, String user, String password, boolean startTls, String from, List<String> to) {
  public MailSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("an SMTP host is needed to mail reports (--smtp-host or KOOCH_SMTP_HOST)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SMTP port must be between 1 and 65535, got " + port);
    }
    if (to == null || to.isEmpty()) {
      throw new IllegalArgumentException("no recipients: pass --mail-to someone@example.org");
    }
    to.forEach(MailSettings::requireAddress);
    requireAddress(from);
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    to = List.copyOf(to);
  }

  static InternetAddress requireAddress(String address) {
    try {
      InternetAddress a = new InternetAddress(address, true);
      a.validate();
      return a;
    } catch (AddressException | NullPointerException e) {
      throw new IllegalArgumentException("not an e-mail address: '" + address + "'");
    }
  }

  /** How long a connection, a read or a write to the SMTP server may take. */
  private static final String TIMEOUT_MS = "15000";

  /** A message from {@link #from} to {@link #to}, dated now, for the caller to fill and {@link #send}. */
  public MimeMessage newMessage() throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.auth", String.valueOf(!user.isEmpty()));
    p.put("mail.smtp.starttls.enable", String.valueOf(startTls));
    p.put("mail.smtp.starttls.required", String.valueOf(startTls));
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.put("mail.smtp.timeout", TIMEOUT_MS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MS);
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(requireAddress(from));
    for (String address : to) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(address, true));
    }
    m.setSentDate(new Date());
    return m;
  }

  /** Sends {@code m} through the server, logging in when a user is set. */
  public void send(MimeMessage m) throws MessagingException {
    m.saveChanges();
    if (user.isEmpty()) {
      Transport.send(m);
    } else {
      Transport.send(m, user, password);
    }
  }

  @Override
  public String toString() {
    return "SMTP " + host + ":" + port + (user.isEmpty() ? "" : " user=" + user) + (password.isEmpty() ? "" : " password=****")
        + (startTls ? " STARTTLS" : "") + " from=" + from + " to=" + String.join(",", to);
  }
}
