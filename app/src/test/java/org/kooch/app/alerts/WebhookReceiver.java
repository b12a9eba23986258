package org.kooch.app.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver of alert webhooks (the JDK's server on a free loopback port). It checks each
 * request's signature against the secret it was given, answers {@code 503} to the first {@code
 * failFirst} requests (to prove retries), then {@code 204}, and keeps every accepted alert with the
 * time it arrived; requests with a bad signature get {@code 401} and are counted.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** An alert as received: its header id, body and arrival ({@link System#nanoTime()}). */
  public record Received(String alertId, JsonNode body, long arrivedNanos) {}

  private final HttpServer server;
  private final byte[] secret;
  private final AtomicInteger toFail;
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger badSignatures = new AtomicInteger();

  public WebhookReceiver(byte[] secret, int failFirst) throws IOException {
    this.secret = secret.clone();
    this.toFail = new AtomicInteger(failFirst);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks/kooch", exchange -> {
      try (exchange) {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst(WebhookChannel.SIGNATURE_HEADER);
        byte[] expected = ("sha256=" + WebhookChannel.sign(this.secret, body)).getBytes(StandardCharsets.UTF_8);
        if (!"POST".equals(exchange.getRequestMethod()) || signature == null
            || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
          badSignatures.incrementAndGet();
          exchange.sendResponseHeaders(401, -1);
          return;
        }
        if (toFail.getAndDecrement() > 0) {
          exchange.sendResponseHeaders(503, -1);
          return;
        }
        synchronized (received) {
          received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookChannel.ALERT_ID_HEADER),
              new ObjectMapper().readTree(body), System.nanoTime()));
        }
        exchange.sendResponseHeaders(204, -1);
      }
    });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/kooch");
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The accepted alerts about the pair from/to (either direction). */
  public List<Received> about(String fromPlatform, String toPlatform, String channel) {
    return received().stream().filter(r -> r.body().get("from_channel").asText().equals(channel)
        && (r.body().get("from_platform").asText() + ">" + r.body().get("to_platform").asText()).matches(
            fromPlatform + ">" + toPlatform + "|" + toPlatform + ">" + fromPlatform)).toList();
  }

  public int requests() {
    return requests.get();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
