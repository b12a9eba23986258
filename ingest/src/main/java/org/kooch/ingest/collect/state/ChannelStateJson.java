package org.kooch.ingest.collect.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A channel's {@link ChannelState} as a small JSON object, the one form it has both in the state
 * topic and in the readable copy under the state directory.
 */
public final class ChannelStateJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ChannelStateJson() {}

  public static String encode(String channel, ChannelState state) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("channel", channel);
    n.put("highestPostId", state.highestPostId());
    n.put("lastObservedAt", state.lastObservedAt() == null ? null : state.lastObservedAt().toString());
    n.put("profileHash", state.profileHash());
    n.put("lastSuccessAt", state.lastSuccessAt() == null ? null : state.lastSuccessAt().toString());
    try {
      return MAPPER.writeValueAsString(n) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IOException when {@code json} is not such an object (a date that does not parse
   *     included)
   */
  public static ChannelState decode(String json) throws IOException {
    JsonNode n = MAPPER.readTree(json);
    if (n == null || !n.isObject()) {
      throw new IOException("not a JSON object");
    }
    try {
      return new ChannelState(
          n.hasNonNull("highestPostId") ? n.get("highestPostId").asLong() : null,
          instant(n, "lastObservedAt"),
          n.hasNonNull("profileHash") ? n.get("profileHash").asText() : null,
          instant(n, "lastSuccessAt"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }
}
