package org.kooch.ingest.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Reading API answers as JSON without letting a parse error's message quote the request. */
public final class JsonAnswers {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonAnswers() {}

  /** The body as JSON, or empty when it is not JSON (an HTML error page, a proxy's answer). */
  public static Optional<JsonNode> parse(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      return n == null || n.isMissingNode() ? Optional.empty() : Optional.of(n);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A non-negative integer field, or empty. */
  public static Optional<Long> count(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.canConvertToExactIntegral() && v.asLong() >= 0 ? Optional.of(v.asLong()) : Optional.empty();
  }
}
