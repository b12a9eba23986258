package org.kooch.ingest.collect.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way collectors fetch over HTTP: GET with our user agent and timeouts, spaced by a
 * {@link RateLimiter}, retried with backoff on 429, 408, 5xx and network errors (honouring
 * Retry-After), and every URL and message passed through a {@link Redactor} so tokens never reach
 * logs or errors. Other statuses (404, 401...) are returned for the caller to interpret.
 */
public final class HttpFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

  private final FetchPolicy policy;
  private final Redactor redactor;
  private final RateLimiter limiter;
  private final HttpClient client;

  public HttpFetcher(FetchPolicy policy, Redactor redactor) {
    this.policy = policy;
    this.redactor = redactor;
    this.limiter = new RateLimiter(policy.requestInterval());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(policy.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public FetchResponse get(URI uri) {
    return get(uri, ThrottleSignal.NONE);
  }

  /** GETs {@code uri}, retrying what is worth retrying; the answer is never a 429 or 5xx. */
  public FetchResponse get(URI uri, ThrottleSignal throttle) {
    String shown = redactor.redact(uri.toString());
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(policy.timeout()).header("User-Agent", policy.userAgent()).GET().build();
    int lastStatus = 0;
    for (int attempt = 1; ; attempt++) {
      String problem;
      Optional<Duration> hint = Optional.empty();
      try {
        limiter.acquire();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        FetchResponse response =
            new FetchResponse(uri, r.uri(), r.statusCode(), r.body(), r.headers().firstValue("Content-Type"));
        lastStatus = r.statusCode();
        Optional<Duration> signalled = throttle.retryAfter(response);
        if (!retryable(r.statusCode()) && signalled.isEmpty()) {
          return response;
        }
        hint = signalled.or(() -> RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), Instant.now()));
        problem = "HTTP " + r.statusCode() + (signalled.isPresent() ? " (the API asks to slow down)" : "");
      } catch (IOException e) {
        problem = redactor.redact(describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException("interrupted while fetching " + shown, lastStatus);
      }
      if (hint.isPresent() && hint.get().compareTo(policy.maxRetryAfter()) > 0) {
        throw new FetchException(
            shown + " answered " + problem + " and asks to wait " + hint.get().toSeconds() + " s, longer than the "
                + policy.maxRetryAfter().toSeconds() + " s allowed; try again later",
            lastStatus);
      }
      if (attempt >= policy.maxAttempts()) {
        throw new FetchException("gave up on " + shown + " after " + attempt + " attempts: " + problem, lastStatus);
      }
      // The server's Retry-After is its word on when to come back; without one, back off exponentially.
      Duration wait = hint.orElse(policy.backoffBefore(attempt));
      LOG.info("{}: {}; retrying in {} ms (attempt {} of {})", shown, problem, wait.toMillis(), attempt + 1, policy.maxAttempts());
      sleep(wait, shown, lastStatus);
    }
  }

  static boolean retryable(int status) {
    return status == 429 || status == 408 || status >= 500;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  private static void sleep(Duration d, String shown, int status) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while waiting to retry " + shown, status);
    }
  }
}
