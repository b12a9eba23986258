package org.kooch.app;

import java.util.List;
import org.kooch.reports.MailSettings;
import picocli.CommandLine.Option;

/**
 * The SMTP server and sender that reports and alerts are mailed through. Each option falls back to
 * an environment variable; the SMTP password is read only from {@code KOOCH_SMTP_PASSWORD}.
 */
class SmtpOptions {
  @Option(names = "--mail-from", defaultValue = "${env:KOOCH_MAIL_FROM:-kooch@localhost}",
      description = "Sender address (env KOOCH_MAIL_FROM, default ${DEFAULT-VALUE}).")
  String from;

  @Option(names = "--smtp-host", defaultValue = "${env:KOOCH_SMTP_HOST:-localhost}",
      description = "SMTP server (env KOOCH_SMTP_HOST, default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--smtp-port", defaultValue = "${env:KOOCH_SMTP_PORT:-25}", description = "SMTP port (env KOOCH_SMTP_PORT, default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--smtp-user", defaultValue = "${env:KOOCH_SMTP_USER}",
      description = "SMTP login (env KOOCH_SMTP_USER); the password comes from KOOCH_SMTP_PASSWORD only.")
  String user;

  @Option(names = "--smtp-starttls", defaultValue = "${env:KOOCH_SMTP_STARTTLS:-false}",
      description = "Require STARTTLS (env KOOCH_SMTP_STARTTLS).")
  boolean startTls;

  /** Mail to {@code recipients} (blank entries dropped) through this server. */
  MailSettings settings(List<String> recipients) {
    String password = System.getenv().getOrDefault("KOOCH_SMTP_PASSWORD", "");
    return new MailSettings(host, port, user, password, startTls, from,
        recipients.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
  }
}
