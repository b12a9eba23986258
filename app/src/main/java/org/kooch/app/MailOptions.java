package org.kooch.app;

import java.util.ArrayList;
import java.util.List;
import org.kooch.reports.MailSettings;
import org.kooch.reports.ReportMailer;
import picocli.CommandLine.Option;

/**
 * Where reports are e-mailed: recipients, sender and the SMTP server. Each option falls back to an
 * environment variable; the SMTP password is read only from {@code KOOCH_SMTP_PASSWORD}.
 */
class MailOptions {
  @Option(names = "--mail-to", split = ",", paramLabel = "ADDRESS[,ADDRESS...]",
      description = "Send reports to these addresses (env KOOCH_MAIL_TO); without it reports are only written to files.")
  List<String> to = new ArrayList<>();

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

  /** A mailer, or null when no recipient was named. */
  ReportMailer mailer() {
    List<String> recipients = new ArrayList<>(to);
    String env = System.getenv("KOOCH_MAIL_TO");
    if (recipients.isEmpty() && env != null && !env.isBlank()) {
      recipients.addAll(List.of(env.split(",")));
    }
    if (recipients.isEmpty()) {
      return null;
    }
    String password = System.getenv().getOrDefault("KOOCH_SMTP_PASSWORD", "");
    return new ReportMailer(new MailSettings(host, port, user, password, startTls, from,
        recipients.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
  }
}
