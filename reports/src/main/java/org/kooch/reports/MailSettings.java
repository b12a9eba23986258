package org.kooch.reports;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * Where reports are mailed from and to, and the SMTP server that takes them. The password comes
 * from the environment ({@code KOOCH_SMTP_PASSWORD}) and is never printed: {@link #toString()}
 * masks it.
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

  @Override
  public String toString() {
    return "SMTP " + host + ":" + port + (user.isEmpty() ? "" : " user=" + user) + (password.isEmpty() ? "" : " password=****")
        + (startTls ? " STARTTLS" : "") + " from=" + from + " to=" + String.join(",", to);
  }
}
