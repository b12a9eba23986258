package org.kooch.app;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.queries.Alerts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch alerts}: the moves that started (v_alerts), newest first. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "The alerts the job raised, one per channel pair (a channel announced another platform's account, or a pair was"
        + " inferred), newest first.")
final class AlertsCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--since", paramLabel = "DURATION|YYYY-MM-DD|INSTANT",
      description = "Only alerts raised since then: a duration back from now (24h, 7d), a UTC day, or an ISO instant"
          + " (2026-01-01T08:00:00Z); default: all.")
  String since;

  @Option(names = "--limit", defaultValue = "100", description = "At most this many alerts (default ${DEFAULT-VALUE}, at most 1000).")
  int limit;

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
      description = "Output: table (default), csv or json.", converter = QueryOptions.FormatConverter.class)
  OutputFormat format;

  private final Clock clock;

  AlertsCommand() {
    this(Clock.systemUTC());
  }

  AlertsCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Instant from = since == null ? null : parseSince(since, clock);
    try (ClickHouseGateway g = new ClickHouseGateway(connection.clickHouseReadOnly())) {
      format.print(Alerts.table(new Alerts(g).since(from, limit)), Utf8Out.stdout());
    }
    return 0;
  }

  static Instant parseSince(String value, Clock clock) {
    String v = value.strip();
    try {
      return clock.instant().minus(new DurationConverter().convert(v));
    } catch (picocli.CommandLine.TypeConversionException notADuration) {
      // a day or an instant
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since must be a duration (24h, 7d), a day (YYYY-MM-DD) or an instant"
          + " (2026-01-01T08:00:00Z), not '" + value + "'");
    }
  }
}
