package org.kooch.ingest.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;
import org.kooch.ingest.collect.LocalSite.Hit;

/** Retries, backoff, Retry-After and rate limiting against a real local HTTP server. */
class HttpFetcherTest {
  private final LocalSite site = LocalSite.start();

  /** Fast retries so the tests take milliseconds where production waits seconds. */
  private static FetchPolicy quick() {
    return FetchPolicy.polite().withRequestInterval(Duration.ZERO).withRetries(4, Duration.ofMillis(50)).withTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void honoursRetryAfterOn429() {
    site.on("/s/khamenei_ir", Answer.status(429).withHeader("Retry-After", "1"), Answer.page("telegram-web/khamenei_ir.html"));
    long start = System.nanoTime();
    FetchResponse r = new HttpFetcher(quick(), Redactor.NONE).get(site.url().resolve("/s/khamenei_ir"));
    long waitedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("tgme_channel_info");
    List<Hit> hits = site.hits();
    assertThat(hits).hasSize(2);
    // The server asked for 1 s; our own backoff (50 ms) must not have replaced it.
    assertThat((hits.get(1).nanos() - hits.get(0).nanos()) / 1_000_000).isGreaterThanOrEqualTo(950);
    assertThat(waitedMs).isGreaterThanOrEqualTo(950);
  }

  @Test
  void retriesServerErrorsWithBackoffThenSucceeds() {
    site.on("/api", Answer.status(502), Answer.status(503), Answer.json("telegram-bot/getChatMemberCount-ok.json"));
    FetchResponse r = new HttpFetcher(quick(), Redactor.NONE).get(site.url().resolve("/api"));

    assertThat(r.status()).isEqualTo(200);
    List<Hit> hits = site.hits();
    assertThat(hits).hasSize(3);
    // Exponential: 50 ms before the second attempt, 100 ms before the third.
    assertThat((hits.get(1).nanos() - hits.get(0).nanos()) / 1_000_000).isGreaterThanOrEqualTo(45);
    assertThat((hits.get(2).nanos() - hits.get(1).nanos()) / 1_000_000).isGreaterThanOrEqualTo(95);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheUrlAndLastStatusAndNoToken() {
    Secret token = Secret.of("KOOCH_TGSTAT_TOKEN", "s3cr3t-t0ken-4711");
    site.on("/channels/stat", Answer.status(503));
    URI url = site.url().resolve("/channels/stat?token=" + token.value() + "&channelId=%40khamenei_ir");

    assertThatThrownBy(() -> new HttpFetcher(quick(), token).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessage("gave up on " + site.url() + "/channels/stat?token=***&channelId=%40khamenei_ir after 4 attempts: HTTP 503")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(503))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.value()));
    assertThat(site.hits()).hasSize(4);
  }

  @Test
  void refusesToWaitLongerThanAllowed() {
    site.on("/busy", Answer.status(429).withHeader("Retry-After", "3600"));
    FetchPolicy p = quick().withMaxRetryAfter(Duration.ofMinutes(1));
    long start = System.nanoTime();
    assertThatThrownBy(() -> new HttpFetcher(p, Redactor.NONE).get(site.url().resolve("/busy")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining(site.url() + "/busy answered HTTP 429 and asks to wait 3600 s, longer than the 60 s allowed");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    assertThat(site.hits()).hasSize(1);
  }

  @Test
  void spacesRequestsByTheRequestInterval() {
    site.on("/s/khamenei_ir", Answer.page("telegram-web/khamenei_ir.html"));
    HttpFetcher f = new HttpFetcher(quick().withRequestInterval(Duration.ofMillis(300)), Redactor.NONE);
    // A lower bound the limiter guarantees: three waits of the interval between four requests.
    // (Gaps seen by the server may be shorter than the client's: requests queue in its sockets.)
    long start = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      f.get(site.url().resolve("/s/khamenei_ir"));
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(site.hits()).hasSize(4);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
  }

  @Test
  void returnsOtherStatusesForTheCallerToJudge() {
    FetchResponse r = new HttpFetcher(quick(), Redactor.NONE).get(site.url().resolve("/nothing-here"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(site.hits()).hasSize(1);
  }

  @Test
  void followsRedirectsAndTellsWhereItLanded() {
    site.on("/s/hidden_news", Answer.redirect("/hidden_news"));
    site.on("/hidden_news", Answer.page("telegram-web/hidden_news-page.html"));
    FetchResponse r = new HttpFetcher(quick(), Redactor.NONE).get(site.url().resolve("/s/hidden_news"));
    assertThat(r.redirected()).isTrue();
    assertThat(r.uri().getPath()).isEqualTo("/hidden_news");
  }

  @Test
  void retriesNetworkErrorsAndNamesThemWhenGivingUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/s/khamenei_ir");
    assertThatThrownBy(() -> new HttpFetcher(quick().withRetries(2, Duration.ofMillis(10)), Redactor.NONE).get(url))
        .isInstanceOf(FetchException.class)
        .hasMessageStartingWith("gave up on " + url + " after 2 attempts: ConnectException");
  }
}
