package org.kooch.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.reports.MailSettings;

/**
 * The dispatcher against a real webhook receiver (HMAC checked, failing first), a real SMTP server
 * (GreenMail) and the real ClickHouse: each alert delivered once per channel and recorded, a
 * failing receiver retried with backoff, nothing sent again by a new dispatcher (a restart).
 */
class AlertDispatcherTest {
  private static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.UTF_8);
  /** A running clock a day after the alerts' moves were seen (16 April 2018). */
  private static final Clock IN_APRIL_2018 =
      Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2018-04-17T10:00:00Z")));
  private static final Duration MAX_AGE = Duration.ofDays(2);

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private ClickHouseSettings ch;

  @BeforeEach
  void database() {
    ch = ClickHouseTestServer.freshDatabase("alert_dispatch");
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      g.insertJsonEachRow("alerts", (alert("11111111-0000-3000-8000-000000000001", "soroush", "2026-01-01 10:00:00")
          + alert("11111111-0000-3000-8000-000000000002", "gap", "2026-01-01 10:00:01")).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void eachAlertGoesOutOncePerChannelAfterRetries() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 2)) {
      AlertDispatcher dispatcher = dispatcher(receiver.url(), SECRET);
      assertThat(dispatcher.round()).isEqualTo(4); // two alerts, webhook and mail
      assertThat(receiver.requests()).isEqualTo(4); // two 503s, then each alert once
      assertThat(receiver.badSignatures()).isZero();
      assertThat(receiver.received()).extracting(WebhookReceiver.Received::alertId)
          .containsExactly("11111111-0000-3000-8000-000000000001", "11111111-0000-3000-8000-000000000002");
      var body = receiver.received().get(0).body();
      assertThat(body.get("alert_id").asText()).isEqualTo("11111111-0000-3000-8000-000000000001");
      assertThat(body.get("kind").asText()).isEqualTo("announced");
      assertThat(body.get("from_channel").asText()).isEqualTo("khamenei_ir");
      assertThat(body.get("to_platform").asText()).isEqualTo("soroush");
      assertThat(body.get("post_id").asLong()).isEqualTo(30774L);
      assertThat(body.get("seen_at").asText()).isEqualTo("2018-04-16T10:00:00Z");
      assertThat(body.get("raised_at").asText()).isEqualTo("2026-01-01T10:00:00Z");

      assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
      MimeMessage mail = smtp.getReceivedMessages()[0];
      assertThat(mail.getSubject()).isEqualTo("Kooch: telegram/khamenei_ir announced soroush/khamenei_ir [11111111-0000-3000-8000-000000000001]");
      assertThat(mail.getHeader(WebhookChannel.ALERT_ID_HEADER)[0]).isEqualTo("11111111-0000-3000-8000-000000000001");
      assertThat(((String) mail.getContent())).contains("evidence:   post_link (post 30774)");

      try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
        assertThat(g.queryLong("SELECT count() FROM v_alert_deliveries")).isEqualTo(4);
        assertThat(g.queryLong("SELECT max(attempts) FROM v_alert_deliveries")).isEqualTo(1); // retried within one attempt of the round
      }
      // Again, and as a restarted dispatcher: nothing is sent twice.
      assertThat(dispatcher.round()).isZero();
      assertThat(dispatcher(receiver.url(), SECRET).round()).isZero();
      assertThat(receiver.requests()).isEqualTo(4);
      assertThat(smtp.getReceivedMessages()).hasSize(2);
    }
  }

  @Test
  void movesSeenLongerAgoThanTheMaximumAgeAreNotSent() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 0)) {
      AlertDispatcher aWeekLater = new AlertDispatcher(ch, List.of(new WebhookChannel(receiver.url(), SECRET, 3, Duration.ofMillis(1))),
          Duration.ofMillis(1), MAX_AGE, Clock.offset(IN_APRIL_2018, Duration.ofDays(6)));
      assertThat(aWeekLater.round()).isZero();
      assertThat(receiver.requests()).isZero();
      try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
        assertThat(g.queryLong("SELECT count() FROM v_alert_deliveries")).isZero();
        assertThat(g.queryLong("SELECT count() FROM v_alerts")).as("kept for kooch alerts").isEqualTo(2);
      }
    }
  }

  @Test
  void aReceiverThatRefusesKeepsTheAlertPendingUntilItAccepts() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET, 0)) {
      // Signed with another secret: 401, not retried within the round, not recorded.
      AlertDispatcher wrongSecret = new AlertDispatcher(ch,
          List.of(new WebhookChannel(receiver.url(), "not-the-secret".getBytes(StandardCharsets.UTF_8), 3, Duration.ofMillis(1))),
          Duration.ofMillis(1), MAX_AGE, IN_APRIL_2018);
      assertThat(wrongSecret.round()).isZero();
      assertThat(receiver.badSignatures()).isEqualTo(1);
      // A receiver that is down (nothing listens): retried with backoff, then left pending.
      URI down = URI.create("http://127.0.0.1:1/hooks/kooch");
      assertThat(new AlertDispatcher(ch, List.of(new WebhookChannel(down, SECRET, 3, Duration.ofMillis(1))), Duration.ofMillis(1),
          MAX_AGE, IN_APRIL_2018).round()).isZero();
      try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
        assertThat(g.queryLong("SELECT count() FROM v_alert_deliveries")).isZero();
      }
      AlertDispatcher right = new AlertDispatcher(ch, List.of(new WebhookChannel(receiver.url(), SECRET, 3, Duration.ofMillis(1))),
          Duration.ofMillis(1), MAX_AGE, IN_APRIL_2018);
      assertThat(right.round()).isEqualTo(2);
      assertThat(receiver.received()).hasSize(2);
    }
  }

  @Test
  void theSecretNeverAppearsInAFailure() throws Exception {
    WebhookChannel channel = new WebhookChannel(URI.create("http://127.0.0.1:1/hooks/kooch?token=abc"), SECRET, 1, Duration.ofMillis(1));
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      var alert = new org.kooch.queries.Alerts(g).since(null, 1).get(0);
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> channel.deliver(alert));
      assertThat(e.getMessage()).contains("http://127.0.0.1:1").doesNotContain("token").doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    }
  }

  private AlertDispatcher dispatcher(URI webhook, byte[] secret) {
    MailSettings mail = new MailSettings("127.0.0.1", smtp.getSmtp().getPort(), "", "", false, "kooch@kooch.test", List.of("analysts@kooch.test"));
    return new AlertDispatcher(ch, List.of(new WebhookChannel(webhook, secret, 5, Duration.ofMillis(20)), new MailChannel(mail)),
        Duration.ofMillis(50), MAX_AGE, IN_APRIL_2018);
  }

  private static String alert(String id, String toPlatform, String raised) {
    return "{\"alert_id\":\"" + id + "\",\"pair\":\"" + toPlatform + "/khamenei_ir|telegram/khamenei_ir\",\"kind\":\"announced\","
        + "\"from_platform\":\"telegram\",\"from_channel\":\"khamenei_ir\",\"to_platform\":\"" + toPlatform + "\",\"to_channel\":\"khamenei_ir\","
        + "\"evidence\":\"post_link\",\"confidence\":0.8,\"post_id\":30774,\"seen_at\":\"2018-04-16 10:00:00\",\"raised_at\":\"" + raised
        + "\",\"version\":1}\n";
  }
}
