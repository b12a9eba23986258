package org.kooch.ingest.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;

/**
 * The body size cap and the per-request deadline against a real local server whose answers are
 * too big, never end, trickle or stall; and that no refusal shows a Bot API token.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression that hangs fails here instead of blocking the build
class FetchBoundsTest {
  private static final int CAP = 64 * 1024;

  private final LocalSite site = LocalSite.start();
  private final LocalSite elsewhere = LocalSite.start();

  /** A small cap, one attempt, and the default (long) deadline, so a cap failure cannot be a timeout. */
  private static FetchPolicy capped() {
    return FetchPolicy.polite().withRequestInterval(Duration.ZERO).withRetries(1, Duration.ofMillis(10)).withMaxBodyBytes(CAP);
  }

  /** A short deadline: the header timeout stays longer, so only the deadline can end the request. */
  private static FetchPolicy hurried(int attempts) {
    return FetchPolicy.polite()
        .withRequestInterval(Duration.ZERO)
        .withRetries(attempts, Duration.ofMillis(10))
        .withTimeout(Duration.ofSeconds(30))
        .withDeadline(Duration.ofSeconds(1));
  }

  @AfterEach
  void stop() {
    site.close();
    elsewhere.close();
  }

  @Test
  void readsABodyOfExactlyTheCap() {
    site.on("/full", new Answer(200, Map.of("Content-Type", "text/plain"), filled(CAP)));
    FetchResponse r = new HttpFetcher(capped(), Redactor.NONE).get(site.url().resolve("/full"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).hasSize(CAP);
  }

  @Test
  void refusesAnAnnouncedLengthOverTheCapWithoutRetrying() {
    HangUps hangUps = new HangUps(1);
    site.serve("/huge", endless(100L * 1024 * 1024, hangUps));
    URI url = site.url().resolve("/huge");

    assertThatThrownBy(() -> new HttpFetcher(capped().withRetries(3, Duration.ofMillis(10)), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessage(url + " announces a body of 104857600 bytes, more than the 65536 bytes a fetch reads; not read")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(200));
    assertThat(site.hits()).hasSize(1);
    assertThat(hangUps.seen()).as("the client dropped the connection").isTrue();
  }

  @Test
  void stopsReadingAnEndlessChunkedBodyAtTheCap() {
    HangUps hangUps = new HangUps(1);
    site.serve("/endless", endless(0, hangUps));
    URI url = site.url().resolve("/endless");

    assertThatThrownBy(() -> new HttpFetcher(capped().withRetries(3, Duration.ofMillis(10)), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessage("the body from " + url + " passed 65536 bytes, the most a fetch reads; stopped reading");
    assertThat(site.hits()).hasSize(1);
    assertThat(hangUps.seen()).as("the client dropped the connection").isTrue();
  }

  @Test
  void namesTheRedirectThatLedToAnOversizedBody() {
    site.on("/s/big", Answer.redirect("/big"));
    site.serve("/big", endless(0, new HangUps(1)));
    URI url = site.url().resolve("/s/big");

    assertThatThrownBy(() -> new HttpFetcher(capped(), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("the body from " + site.url() + "/big (redirected from " + url + ") passed 65536 bytes");
  }

  @Test
  void givesUpOnABodyTricklingPastTheDeadlineAndHangsUp() {
    HangUps hangUps = new HangUps(2);
    site.serve("/slow", trickle(hangUps));
    URI url = site.url().resolve("/slow");

    assertThatThrownBy(() -> new HttpFetcher(hurried(2), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessage("gave up on " + url + " after 2 attempts: HttpTimeoutException: no complete answer within 1 s"
            + " (the deadline for connect, headers and body)");
    // A missed deadline is retried like a timeout, and each abandoned request lets go of its connection.
    assertThat(site.hits()).hasSize(2);
    assertThat(hangUps.seen()).as("the client dropped both connections").isTrue();
  }

  @Test
  void givesUpOnAServerThatStallsAfterTheHeaders() {
    site.serve("/stalled", stall());
    URI url = site.url().resolve("/stalled");

    assertThatThrownBy(() -> new HttpFetcher(hurried(1), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("gave up on " + url + " after 1 attempts: HttpTimeoutException: no complete answer within 1 s");
  }

  @Test
  void givesUpOnAServerSilentBeforeTheHeadersAndHangsUp() {
    HangUps hangUps = new HangUps(1);
    site.serve("/silent", ex -> {
      try {
        Thread.sleep(3_000); // past the deadline; then find out whether the client still listens
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      trickle(hangUps).handle(ex);
    });
    URI url = site.url().resolve("/silent");

    assertThatThrownBy(() -> new HttpFetcher(hurried(1), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("gave up on " + url + " after 1 attempts: HttpTimeoutException: ");
    assertThat(hangUps.seen()).as("the client dropped the connection").isTrue();
  }

  @Test
  void recoversWhenTheNextAttemptAnswersInTime() {
    AtomicInteger calls = new AtomicInteger();
    site.serve("/flaky", ex -> {
      if (calls.getAndIncrement() == 0) {
        stall().handle(ex);
      } else {
        byte[] body = "fine".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    FetchResponse r = new HttpFetcher(hurried(2), Redactor.NONE).get(site.url().resolve("/flaky"));
    assertThat(r.body()).isEqualTo("fine");
  }

  @Test
  void everyRefusalMasksABotApiToken() {
    Secret token = Secret.of("KOOCH_TELEGRAM_BOT_TOKEN", "123456789:AAHs3cr3t-T0ken_xyz");
    String bot = "/bot" + token.value();
    site.serve(bot + "/huge", endless(100L * 1024 * 1024, new HangUps(1)));
    site.serve(bot + "/endless", endless(0, new HangUps(1)));
    site.serve(bot + "/slow", trickle(new HangUps(1)));
    site.on(bot + "/away", Answer.redirect("http://localhost:" + elsewhere.url().getPort() + bot + "/getChat"));
    site.on(bot + "/loop", Answer.redirect(bot + "/loop-back"));
    site.on(bot + "/loop-back", Answer.redirect(bot + "/loop"));
    HttpFetcher fetcher = new HttpFetcher(hurried(1).withMaxBodyBytes(CAP), token);

    for (String method : List.of("huge", "endless", "slow", "away", "loop")) {
      FetchException e = catchThrowableOfType(() -> fetcher.get(site.url().resolve(bot + "/" + method)), FetchException.class);
      assertThat(e).as(method).isNotNull();
      assertThat(e.getMessage())
          .as(method)
          .contains(site.url() + "/bot***/" + method)
          .doesNotContain(token.value())
          .doesNotContain(token.urlEncoded())
          .doesNotContain("s3cr3t");
    }
    assertThat(elsewhere.hits()).isEmpty();
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  /** Counts the connections the client dropped while the server was still sending. */
  private static final class HangUps {
    private final CountDownLatch latch;

    HangUps(int expected) {
      latch = new CountDownLatch(expected);
    }

    void hungUp() {
      latch.countDown();
    }

    /** Generous: the assertion is that it happens, not how fast. */
    boolean seen() {
      try {
        return latch.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** A body that never ends, announced with {@code length} (0: chunked, none announced). */
  private static HttpHandler endless(long length, HangUps hangUps) {
    return ex -> {
      byte[] chunk = filled(16 * 1024);
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.sendResponseHeaders(200, length);
      try (OutputStream out = ex.getResponseBody()) {
        while (!Thread.currentThread().isInterrupted()) {
          out.write(chunk);
          out.flush();
        }
      } catch (IOException e) {
        hangUps.hungUp();
      }
    };
  }

  /** Headers at once, then a byte every 100 ms for ever: no read ever waits long, yet it never ends. */
  private static HttpHandler trickle(HangUps hangUps) {
    return ex -> {
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        while (true) {
          out.write('.');
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException e) {
        hangUps.hungUp();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the site is closing
      }
    };
  }

  /** Headers, then silence until the site closes. */
  private static HttpHandler stall() {
    return ex -> {
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().flush();
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the site is closing
      }
    };
  }
}
