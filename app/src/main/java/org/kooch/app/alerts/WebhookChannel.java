package org.kooch.app.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kooch.queries.Alerts;

/**
 * POSTs each alert as JSON to one URL, signed: {@code X-Kooch-Signature: sha256=<hex>} is the
 * HMAC-SHA256 of the body under the secret, {@code X-Kooch-Alert-Id} the alert's id, by which a
 * receiver deduplicates (a crash between a send and its record sends it again). A 2xx answer is
 * delivered; a network error, a 408, 429 or 5xx is retried after 1, 2, 4, ... times the first
 * backoff, up to {@code attempts} in all; another answer fails at once. A small loop rather than a
 * retry library: the dispatcher already retries what fails here on its next rounds.
 */
public final class WebhookChannel implements AlertChannel {
  public static final String SIGNATURE_HEADER = "X-Kooch-Signature";
  public static final String ALERT_ID_HEADER = "X-Kooch-Alert-Id";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI url;
  private final byte[] secret;
  private final int attempts;
  private final Duration firstBackoff;
  private final HttpClient http;

  public WebhookChannel(URI url, byte[] secret, int attempts, Duration firstBackoff) {
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new IllegalArgumentException("--alert-webhook must be an http or https URL");
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("the webhook's signing secret is empty");
    }
    this.url = url;
    this.secret = secret.clone();
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void deliver(Alerts.Alert alert) throws IOException, InterruptedException {
    byte[] body = body(alert);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8")
        .header(ALERT_ID_HEADER, alert.alertId())
        .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    String failure = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        Thread.sleep(firstBackoff.toMillis() << Math.min(attempt - 2, 16));
      }
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return;
        }
        failure = "answered " + status;
        if (!(status == 408 || status == 429 || status / 100 == 5)) {
          break;
        }
      } catch (IOException e) {
        failure = e.getClass().getSimpleName();
      }
    }
    // The host only: a webhook URL's path or query may hold a token.
    throw new IOException("webhook at " + url.getScheme() + "://" + url.getAuthority() + " " + failure + " (alert " + alert.alertId() + ")");
  }

  /** The JSON body: the alert's columns, times in ISO 8601 UTC. */
  public static byte[] body(Alerts.Alert a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("alert_id", a.alertId());
    o.put("kind", a.kind());
    o.put("from_platform", a.fromPlatform());
    o.put("from_channel", a.fromChannel());
    o.put("to_platform", a.toPlatform());
    o.put("to_channel", a.toChannel());
    o.put("evidence", a.evidence());
    o.put("confidence", a.confidence());
    if (a.postId() == null) {
      o.putNull("post_id");
    } else {
      o.put("post_id", a.postId());
    }
    o.put("seen_at", iso(a.seenAt()));
    o.put("raised_at", iso(a.raisedAt()));
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** HMAC-SHA256 of {@code body} under {@code secret}, lower-case hex. */
  public static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String iso(String sqlTime) {
    return sqlTime.replace(' ', 'T') + "Z";
  }

  @Override
  public String toString() {
    return "webhook " + url.getScheme() + "://" + url.getAuthority();
  }
}
