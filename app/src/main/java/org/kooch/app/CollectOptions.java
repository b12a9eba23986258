package org.kooch.app;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.kooch.ingest.collect.http.FetchPolicy;
import picocli.CommandLine.Option;

/** Options every {@code kooch collect <source>} takes: channels, where, how often, how politely. */
final class CollectOptions {
  @Option(names = "--channels", required = true, split = ",", paramLabel = "HANDLE",
      description = "Channels to collect, comma-separated, with or without @ (e.g. khamenei_ir,tasnimnews).")
  List<String> channels;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Where the source is, instead of the real site or API (a mirror, a proxy, a test server).")
  URI baseUrl;

  @Option(names = "--every", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Collect again every DURATION (e.g. 1h) until Ctrl-C. Without it: one round, exit code 1 if any channel failed.")
  Duration every;

  @Option(names = "--request-interval", converter = DurationConverter.class, defaultValue = "1s", paramLabel = "DURATION",
      description = "At most one request per DURATION, retries included (default ${DEFAULT-VALUE}).")
  Duration requestInterval;

  @Option(names = "--max-attempts", defaultValue = "5",
      description = "Tries per request on 429, 5xx and network errors before the channel fails (default ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--backoff", converter = DurationConverter.class, defaultValue = "1s", paramLabel = "DURATION",
      description = "Wait before the first retry when the server sends no Retry-After; doubles per attempt, at most 1m (default ${DEFAULT-VALUE}).")
  Duration backoff;

  @Option(names = "--max-retry-after", converter = DurationConverter.class, defaultValue = "10m", paramLabel = "DURATION",
      description = "Longest Retry-After to honour; a server asking for more fails the channel at once (default ${DEFAULT-VALUE}).")
  Duration maxRetryAfter;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "30s", paramLabel = "DURATION",
      description = "Connect and response timeout per request (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--deadline", converter = DurationConverter.class, defaultValue = "60s", paramLabel = "DURATION",
      description = "Longest one request may take, body included: a server that trickles its answer fails here (default ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(names = "--max-body", defaultValue = "8388608", paramLabel = "BYTES",
      description = "Largest response body read; a larger answer fails the request (default ${DEFAULT-VALUE}, 8 MiB).")
  long maxBody;

  @Option(names = "--user-agent", defaultValue = FetchPolicy.USER_AGENT, description = "User-Agent header (default: ${DEFAULT-VALUE}).")
  String userAgent;

  FetchPolicy policy() {
    return FetchPolicy.polite()
        .withRequestInterval(requestInterval)
        .withRetries(maxAttempts, backoff)
        .withMaxRetryAfter(maxRetryAfter)
        .withTimeout(timeout)
        // The deadline covers the headers' wait too: never shorter than the timeout for them.
        .withDeadline(deadline.compareTo(timeout) < 0 ? timeout : deadline)
        .withMaxBodyBytes(maxBody)
        .withUserAgent(userAgent);
  }

  URI baseUrl(URI real) {
    return baseUrl == null ? real : baseUrl;
  }
}
