package org.kooch.ingest.collect.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way collectors fetch over HTTP: GET with our user agent, spaced by a {@link RateLimiter},
 * each request bounded by the policy's deadline (connect, headers and body) and body size cap,
 * redirects followed only as {@link Redirects} allows, retried with backoff on 429, 408, 5xx,
 * network errors and missed deadlines (honouring Retry-After), and every URL and message passed
 * through a {@link Redactor} so tokens never reach logs or errors. Other statuses (404, 401...)
 * are returned for the caller to interpret; an oversized body or a refused redirect is the server's
 * answer too, so it fails at once rather than being retried.
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
            .followRedirects(HttpClient.Redirect.NEVER) // Redirects decides which to follow
            .build();
  }

  public FetchResponse get(URI uri) {
    return get(uri, ThrottleSignal.NONE);
  }

  /** GETs {@code uri}, retrying what is worth retrying; the answer is never a 429 or 5xx. */
  public FetchResponse get(URI uri, ThrottleSignal throttle) {
    String shown = redactor.redact(uri.toString());
    int lastStatus = 0;
    for (int attempt = 1; ; attempt++) {
      String problem;
      Optional<Duration> hint = Optional.empty();
      try {
        HttpResponse<byte[]> r = follow(uri);
        FetchResponse response = new FetchResponse(uri, r.uri(), r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
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

  /**
   * One attempt: GETs {@code uri} and the redirects that may be followed; the last answer. Each hop
   * is a request of its own, spaced by the limiter and bounded by the deadline and cap.
   */
  private HttpResponse<byte[]> follow(URI uri) throws IOException, InterruptedException {
    Redirects redirects = new Redirects(uri, redactor);
    URI at = uri;
    while (true) {
      HttpResponse<byte[]> r = exchange(uri, at);
      Optional<URI> next = redirects.next(at, r.statusCode(), r.headers().firstValue("Location"));
      if (next.isEmpty()) {
        return r;
      }
      at = next.get();
    }
  }

  /**
   * One request to {@code at} (reached from {@code origin}), done within the deadline or abandoned:
   * the future is cancelled and the body's stream stopped, so no connection or thread is left
   * waiting on a server that trickles or stalls.
   */
  private HttpResponse<byte[]> exchange(URI origin, URI at) throws IOException, InterruptedException {
    limiter.acquire();
    HttpRequest request = HttpRequest.newBuilder(at).timeout(policy.timeout()).header("User-Agent", policy.userAgent()).GET().build();
    BoundedBody body = new BoundedBody(policy.maxBodyBytes());
    CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, body);
    try {
      return pending.get(policy.deadline().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new HttpTimeoutException(
          "no complete answer" + (at.equals(origin) ? "" : " from " + at) + " within " + seconds(policy.deadline())
              + " (the deadline for connect, headers and body)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof BoundedBody.TooLarge tooLarge) {
        throw tooLarge(origin, at, tooLarge); // the server's answer: retrying would get the same
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re; // a bad request (URI, header) is a bug here, not a network problem to retry
      }
      throw new IOException(cause);
    } finally {
      if (!pending.isDone()) {
        // Cancelling the future drops a connection still waiting for headers; a body already
        // flowing goes on until its subscription is cancelled too.
        pending.cancel(true);
        body.abort();
      }
    }
  }

  private FetchException tooLarge(URI origin, URI at, BoundedBody.TooLarge e) {
    String where = redactor.redact(at.equals(origin) ? at.toString() : at + " (redirected from " + origin + ")");
    return new FetchException(
        e.announced.isPresent()
            ? where + " announces a body of " + e.announced.getAsLong() + " bytes, more than the " + e.cap + " bytes a fetch reads; not read"
            : "the body from " + where + " passed " + e.cap + " bytes, the most a fetch reads; stopped reading",
        e.status);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
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
