package org.kooch.app;

import java.util.ArrayList;
import java.util.List;
import org.kooch.reports.ReportMailer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where reports are e-mailed: recipients ({@code --mail-to} or {@code KOOCH_MAIL_TO}), and the
 * sender and SMTP server of {@link SmtpOptions}.
 */
class MailOptions {
  @Option(names = "--mail-to", split = ",", paramLabel = "ADDRESS[,ADDRESS...]",
      description = "Send reports to these addresses (env KOOCH_MAIL_TO); without it reports are only written to files.")
  List<String> to = new ArrayList<>();

  @Mixin SmtpOptions smtp;

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
    return new ReportMailer(smtp.settings(recipients));
  }
}
