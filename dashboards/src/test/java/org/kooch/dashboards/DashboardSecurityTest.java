package org.kooch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.queries.KnownRows;

/**
 * The dashboard as an attacker meets it, on a real server over the real ClickHouse: security
 * headers on every response, the Host check on loopback, the access token, the start-up refusal
 * of an account that can write, and error bodies without server internals.
 */
class DashboardSecurityTest {
  static final String TOKEN = "test-token-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();
  static ClickHouseSettings writer;
  static ClickHouseSettings readOnly;
  static DashboardServer loopback;
  static int loopbackPort;

  @BeforeAll
  static void start() {
    writer = KnownRows.database("security");
    readOnly = ClickHouseTestServer.readOnly(writer);
    loopback = new DashboardServer(readOnly);
    loopbackPort = loopback.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    loopback.close();
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    String host = "127.0.0.1:" + loopbackPort;
    for (String path : List.of("/", "/flows.html", "/common.js", "/style.css", "/webjars/echarts/5.3.1/dist/echarts.min.js",
        "/api/platforms", "/api/health", "/api/nothing", "/no-such-page", "/api/platforms?from=yesterday")) {
      assertSecurityHeaders(RawHttp.get(loopbackPort, path, host), path);
    }
    assertSecurityHeaders(RawHttp.get(loopbackPort, "/", "evil.example:" + loopbackPort), "a refused Host");
    RawHttp.Response page = RawHttp.get(loopbackPort, "/", host);
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
    assertThat(page.body()).as("the pages have no inline script for the policy to block").doesNotContainPattern("<script>|<script [^>]*>[^<]");
  }

  @Test
  void onLoopbackOnlyLoopbackHostNamesAreAnswered() throws Exception {
    for (String ok : List.of("localhost:" + loopbackPort, "127.0.0.1:" + loopbackPort, "[::1]:" + loopbackPort, "LocalHost:" + loopbackPort)) {
      assertThat(RawHttp.get(loopbackPort, "/api/health", ok).status()).as(ok).isEqualTo(200);
    }
    for (String bad : List.of("evil.example:" + loopbackPort, "evil.example", "localhost.evil.example:" + loopbackPort,
        "localhost:" + (loopbackPort == 1 ? 2 : loopbackPort - 1), "localhost", "127.0.0.1.nip.io:" + loopbackPort, "")) {
      RawHttp.Response r = RawHttp.get(loopbackPort, "/api/platforms", bad);
      assertThat(r.status()).as("Host: " + bad).isEqualTo(403);
      assertThat(r.body()).as("Host: " + bad).contains("answers only to localhost, 127.0.0.1 and [::1]");
    }
    assertThat(RawHttp.get(loopbackPort, "/", null).status()).as("no Host header at all").isEqualTo(403);
  }

  @Test
  void hostHeadersAreParsedStrictly() {
    assertThat(HostCheck.allowed("localhost:8080", 8080)).isTrue();
    assertThat(HostCheck.allowed("[::1]:8080", 8080)).isTrue();
    assertThat(HostCheck.allowed("localhost", 80)).isTrue();
    assertThat(HostCheck.allowed("localhost:80", 8080)).isFalse();
    assertThat(HostCheck.allowed("[::1", 8080)).isFalse();
    assertThat(HostCheck.allowed("[::2]:8080", 8080)).isFalse();
    assertThat(HostCheck.allowed("127.0.0.1:8080:8080", 8080)).isFalse();
    assertThat(HostCheck.allowed("localhost.:8080", 8080)).isFalse();
    assertThat(HostCheck.allowed(null, 8080)).isFalse();
  }

  @Test
  void withATokenEveryRequestMustCarryIt() throws Exception {
    try (DashboardServer server = new DashboardServer(readOnly, DashboardOptions.defaults().withAccessToken(AccessToken.of(TOKEN)))) {
      int port = server.start("127.0.0.1", 0);
      String host = "localhost:" + port;
      RawHttp.Response none = RawHttp.get(port, "/api/health", host);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(json(none).get("error").asText()).contains("needs its access token").doesNotContain(TOKEN);
      assertThat(RawHttp.get(port, "/", host).status()).as("pages too").isEqualTo(401);
      assertThat(RawHttp.get(port, "/common.js", host).status()).as("scripts too").isEqualTo(401);
      assertThat(RawHttp.get(port, "/api/health", host, "Authorization: Bearer " + TOKEN + "x").status()).isEqualTo(401);
      assertThat(RawHttp.get(port, "/api/health", host, "Authorization: Basic " + TOKEN).status()).isEqualTo(401);
      assertThat(RawHttp.get(port, "/api/health", host, "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
      assertThat(RawHttp.get(port, "/api/platforms", host, "Authorization: bearer " + TOKEN).status()).isEqualTo(200);

      // A person opens the link with the token once: a cookie, and the same address without the token.
      RawHttp.Response link = RawHttp.get(port, "/flows.html?from=2018-04-01&token=" + TOKEN + "&to=2018-04-30", host);
      assertThat(link.status()).isEqualTo(303);
      assertThat(link.header("Location")).isEqualTo("/flows.html?from=2018-04-01&to=2018-04-30");
      String cookie = link.header("Set-Cookie");
      assertThat(cookie).startsWith(AccessToken.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain(TOKEN);
      String pair = cookie.substring(0, cookie.indexOf(';'));
      assertThat(RawHttp.get(port, "/flows.html", host, "Cookie: " + pair).status()).isEqualTo(200);
      assertThat(RawHttp.get(port, "/api/flows", host, "Cookie: " + pair).status()).isEqualTo(200);
      assertThat(RawHttp.get(port, "/api/flows", host, "Cookie: " + pair + "0").status()).isEqualTo(401);
      assertThat(RawHttp.get(port, "/?token=wrong-token-0123456789", host).status()).isEqualTo(401);
      assertThat(RawHttp.get(port, "//evil.example/?token=" + TOKEN, host).header("Location")).as("never a redirect off the site")
          .startsWith("/").doesNotStartWith("//");
      // The Host check still holds on loopback with a token.
      assertThat(RawHttp.get(port, "/api/health", "evil.example:" + port, "Authorization: Bearer " + TOKEN).status()).isEqualTo(403);
    }
  }

  @Test
  void anAddressOtherMachinesReachNeedsAToken() throws Exception {
    try (DashboardServer open = new DashboardServer(readOnly)) {
      assertThatThrownBy(() -> open.start("0.0.0.0", 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("needs an access token");
    }
    assertThatThrownBy(() -> AccessToken.of("short")).hasMessageContaining("at least 16 characters");
    try (DashboardServer open = new DashboardServer(readOnly, DashboardOptions.defaults().withAccessToken(AccessToken.of(TOKEN)))) {
      int port = open.start("0.0.0.0", 0);
      assertThat(RawHttp.get(port, "/api/health", "192.0.2.10:" + port).status()).isEqualTo(401);
      assertThat(RawHttp.get(port, "/api/health", "192.0.2.10:" + port, "Authorization: Bearer " + TOKEN).status()).isEqualTo(200);
    }
  }

  @Test
  void anAccountThatCanWriteIsRefusedAndNothingIsWritten() throws Exception {
    try (ClickHouseGateway g = new ClickHouseGateway(writer)) {
      long before = g.queryLong("SELECT count() FROM platform_daily");
      try (DashboardServer server = new DashboardServer(writer)) {
        assertThatThrownBy(() -> server.start("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ClickHouse account 'default' can write").hasMessageContaining("read-only account");
      }
      assertThat(g.queryLong("SELECT count() FROM platform_daily")).isEqualTo(before);
    }
    try (DashboardServer server = new DashboardServer(new ClickHouseSettings("http://127.0.0.1:1", "kooch_readonly", "", "kooch"))) {
      assertThatThrownBy(() -> server.start("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot check that the dashboard's ClickHouse account 'kooch_readonly' is read-only");
    }
  }

  @Test
  void serverErrorsSayNothingOfTheServersInsides() throws Exception {
    ClickHouseSettings broken = KnownRows.database("security_broken");
    ClickHouseSettings brokenReadOnly = broken.withUser(readOnly.user(), readOnly.password());
    try (DashboardServer server = new DashboardServer(brokenReadOnly)) {
      int port = server.start("127.0.0.1", 0);
      try (ClickHouseGateway g = new ClickHouseGateway(broken)) {
        g.execute("DROP TABLE migration_flows");
      }
      RawHttp.Response r = RawHttp.get(port, "/api/flows", "localhost:" + port);
      assertThat(r.status()).isEqualTo(500);
      JsonNode body = json(r);
      assertThat(body.get("error").asText()).startsWith("the database could not answer this request (error ")
          .contains(body.get("errorId").asText());
      assertThat(r.body()).doesNotContain("127.0.0.1", "18123", "http", "kooch_readonly", broken.database(), "migration_flows",
          "Code:", "Exception");
    }
  }

  private static void assertSecurityHeaders(RawHttp.Response r, String what) {
    assertThat(r.header("Content-Security-Policy")).as(what).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
    assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
    assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
  }

  private static JsonNode json(RawHttp.Response r) throws Exception {
    return JSON.readTree(r.body());
  }
}
