package org.kooch.app;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kooch.app.alerts.AlertChannel;
import org.kooch.app.alerts.AlertDispatcher;
import org.kooch.app.alerts.MailChannel;
import org.kooch.app.alerts.WebhookChannel;
import org.kooch.clickhouse.ClickHouseSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code kooch run} and {@code kooch demo} deliver the job's alerts: a webhook, e-mail, both
 * or neither (then alerts are only in the {@code alerts} table). The webhook's signing secret is
 * read only from {@value #SECRET_ENV}, never from a flag, so it stays out of shell history and
 * process lists.
 */
class AlertOptions {
  static final String SECRET_ENV = "KOOCH_ALERT_WEBHOOK_SECRET";

  @Option(names = "--alert-webhook", paramLabel = "URL", defaultValue = "${env:KOOCH_ALERT_WEBHOOK}",
      description = "POST each alert as signed JSON to this URL (env KOOCH_ALERT_WEBHOOK); the HMAC secret comes from "
          + SECRET_ENV + " only.")
  String webhook;

  @Option(names = "--alert-mail-to", split = ",", paramLabel = "ADDRESS[,ADDRESS...]",
      description = "E-mail each alert to these addresses, through the SMTP server of --smtp-host and its options.")
  List<String> mailTo = new ArrayList<>();

  @Option(names = "--alert-poll", converter = DurationConverter.class, defaultValue = "2s",
      description = "How often the dispatcher looks for undelivered alerts (default ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(names = "--alert-max-age", converter = DurationConverter.class, defaultValue = "2d",
      description = "Send only alerts whose move was seen within this long (default ${DEFAULT-VALUE}): a backfill raises alerts for"
          + " history, which stay in the alerts table and kooch alerts.")
  Duration maxAge;

  @Mixin SmtpOptions smtp;

  /** The webhook's attempts per round, and the pause before the second (doubling after). */
  static final int WEBHOOK_ATTEMPTS = 5;
  static final Duration WEBHOOK_BACKOFF = Duration.ofMillis(500);

  /** A dispatcher for the channels named, not started; null when none is. */
  AlertDispatcher dispatcher(ClickHouseSettings writer) {
    return dispatcher(writer, maxAge);
  }

  /** As above, sending alerts of moves seen up to {@code maxAge} ago. */
  AlertDispatcher dispatcher(ClickHouseSettings writer, Duration maxAge) {
    List<AlertChannel> channels = new ArrayList<>();
    if (webhook != null && !webhook.isBlank()) {
      String secret = System.getenv(SECRET_ENV);
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("--alert-webhook needs the signing secret in the environment variable " + SECRET_ENV);
      }
      channels.add(new WebhookChannel(URI.create(webhook.strip()), secret.getBytes(StandardCharsets.UTF_8), WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF));
    }
    if (!mailTo.isEmpty()) {
      channels.add(new MailChannel(smtp.settings(mailTo)));
    }
    return channels.isEmpty() ? null : new AlertDispatcher(writer, channels, poll, maxAge, Clock.systemUTC());
  }
}
