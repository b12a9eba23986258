package org.kooch.ingest.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;

/**
 * Which redirects the fetcher follows, against real local servers: 127.0.0.1 and a second server
 * reached as localhost are two hosts. The scheme rules, which would need TLS, are checked on
 * {@link Redirects} itself.
 */
class FollowRedirectsTest {
  private final LocalSite site = LocalSite.start();
  private final LocalSite elsewhere = LocalSite.start();

  /** Retries allowed, to show that a refused redirect is not retried. */
  private final HttpFetcher fetcher =
      new HttpFetcher(FetchPolicy.polite().withRequestInterval(Duration.ZERO).withRetries(3, Duration.ofMillis(10)), Redactor.NONE);

  @AfterEach
  void stop() {
    site.close();
    elsewhere.close();
  }

  @Test
  void followsEveryRedirectStatusOnTheSameHostUpToTheLimit() {
    site.on("/a", moved(301, "/b"));
    site.on("/b", moved(302, "/c"));
    site.on("/c", moved(303, "/d"));
    site.on("/d", moved(307, "/e"));
    site.on("/e", moved(308, "/page"));
    site.on("/page", Answer.page("telegram-web/khamenei_ir.html"));

    FetchResponse r = fetcher.get(site.url().resolve("/a"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.uri()).isEqualTo(site.url().resolve("/page"));
    assertThat(r.requested()).isEqualTo(site.url().resolve("/a"));
    assertThat(site.targets()).containsExactly("/a", "/b", "/c", "/d", "/e", "/page");
  }

  @Test
  void followsARelativeLocation() {
    site.on("/s/hidden_news", Answer.redirect("../hidden_news?embed=1"));
    site.on("/hidden_news", Answer.page("telegram-web/hidden_news-page.html"));

    FetchResponse r = fetcher.get(site.url().resolve("/s/hidden_news"));
    assertThat(r.redirected()).isTrue();
    assertThat(r.uri()).isEqualTo(site.url().resolve("/hidden_news?embed=1"));
    assertThat(site.targets()).containsExactly("/s/hidden_news", "/hidden_news?embed=1");
  }

  @Test
  void refusesARedirectToAnotherHostWithoutContactingIt() {
    URI away = URI.create("http://localhost:" + elsewhere.url().getPort() + "/landing");
    elsewhere.on("/landing", Answer.page("telegram-web/khamenei_ir.html"));
    site.on("/s/khamenei_ir", Answer.redirect(away.toString()));
    URI url = site.url().resolve("/s/khamenei_ir");

    assertThatThrownBy(() -> fetcher.get(url))
        .isInstanceOf(FetchException.class)
        .hasMessage(url + " redirects to " + away + ", another host than 127.0.0.1; not followed")
        .satisfies(e -> assertThat(((FetchException) e).status()).isEqualTo(302));
    assertThat(elsewhere.hits()).isEmpty();
    assertThat(site.hits()).hasSize(1);
  }

  @Test
  void refusesARedirectLoop() {
    site.on("/a", Answer.redirect("/b"));
    site.on("/b", Answer.redirect("/a"));

    assertThatThrownBy(() -> fetcher.get(site.url().resolve("/a")))
        .isInstanceOf(FetchException.class)
        .hasMessage(site.url() + "/b redirects back to " + site.url() + "/a, a redirect loop; not followed");
    assertThat(site.targets()).containsExactly("/a", "/b");
  }

  @Test
  void refusesMoreRedirectsThanTheLimit() {
    for (int i = 1; i <= 7; i++) {
      site.on("/r" + i, Answer.redirect("/r" + (i + 1)));
    }

    assertThatThrownBy(() -> fetcher.get(site.url().resolve("/r1")))
        .isInstanceOf(FetchException.class)
        .hasMessage(site.url() + "/r1 redirects more than 5 times (the last to " + site.url() + "/r7); not followed");
    assertThat(site.targets()).containsExactly("/r1", "/r2", "/r3", "/r4", "/r5", "/r6");
  }

  @Test
  void returnsARedirectWithoutLocationAsItIs() {
    site.on("/odd", new Answer(302, Map.of("Content-Type", "text/plain"), "no location".getBytes()));
    FetchResponse r = fetcher.get(site.url().resolve("/odd"));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.body()).isEqualTo("no location");
  }

  @Test
  void upgradesToHttpsOnTheSameHostButNeverDowngrades() {
    URI plain = URI.create("http://t.me/s/khamenei_ir");
    assertThat(new Redirects(plain, Redactor.NONE).next(plain, 301, Optional.of("https://T.ME/s/khamenei_ir")))
        .contains(URI.create("https://T.ME/s/khamenei_ir"));

    URI secure = URI.create("https://t.me/s/khamenei_ir");
    assertThatThrownBy(() -> new Redirects(secure, Redactor.NONE).next(secure, 302, Optional.of("http://t.me/khamenei_ir")))
        .isInstanceOf(FetchException.class)
        .hasMessage("https://t.me/s/khamenei_ir redirects to http://t.me/khamenei_ir, from https down to http; not followed");
  }

  @Test
  void refusesOtherSchemesAndUnreadableLocations() {
    URI from = URI.create("https://t.me/s/khamenei_ir");
    assertThatThrownBy(() -> new Redirects(from, Redactor.NONE).next(from, 302, Optional.of("ftp://t.me/file")))
        .isInstanceOf(FetchException.class)
        .hasMessage("https://t.me/s/khamenei_ir redirects to ftp://t.me/file, which is not an http or https URL; not followed");
    assertThatThrownBy(() -> new Redirects(from, Redactor.NONE).next(from, 302, Optional.of("/a b|c")))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("answered HTTP 302 with a Location that is not a URL");
  }

  @Test
  void ignoresWhatIsNotARedirect() {
    URI from = URI.create("https://t.me/s/khamenei_ir");
    Redirects redirects = new Redirects(from, Redactor.NONE);
    assertThat(redirects.next(from, 200, Optional.of("https://t.me/x"))).isEmpty();
    assertThat(redirects.next(from, 304, Optional.of("https://t.me/x"))).isEmpty();
    assertThat(redirects.next(from, 302, Optional.empty())).isEmpty();
  }

  private static Answer moved(int status, String location) {
    return new Answer(status, Map.of("Location", location), new byte[0]);
  }
}
