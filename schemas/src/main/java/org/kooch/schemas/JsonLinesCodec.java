package org.kooch.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON Lines form of Kooch records (docs/contracts.md): one JSON object per line,
 * {@code type} selecting the record. Decoding validates the contract and canonicalises handles;
 * anything wrong raises {@link InvalidRecordException} with a reason fit for a dead letter.
 */
public final class JsonLinesCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PlatformRegistry registry;

  public JsonLinesCodec(PlatformRegistry registry) {
    this.registry = registry;
  }

  public JsonLinesCodec() {
    this(PlatformRegistry.defaults());
  }

  public SpecificRecord decode(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(RefusalKind.MALFORMED, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException(RefusalKind.MALFORMED, "not a JSON object");
    }
    return decode((ObjectNode) node);
  }

  public SpecificRecord decode(ObjectNode n) {
    String type = text(n, "type", true);
    RecordType recordType =
        RecordType.ofJsonType(type)
            .orElseThrow(
                () ->
                    new InvalidRecordException(
                        "unknown type '" + type + "' (expected post, subscribers, profile or platform)"));
    String platform = registry.requireKnown(text(n, "platform", true));
    switch (recordType) {
      case POST:
        return Post.newBuilder()
            .setPlatform(platform)
            .setChannel(Handles.canonical(text(n, "channel", true)))
            .setPostId(nonNegative(n, "postId", true))
            .setPublishedAt(instant(n, "publishedAt", true))
            .setCollectedAt(orElse(instant(n, "collectedAt", false), instant(n, "publishedAt", true)))
            .setText(orElse(text(n, "text", false), ""))
            .setViews(nonNegative(n, "views", false))
            .setForwards(nonNegative(n, "forwards", false))
            .setForwardedFrom(postRef(n.get("forwardedFrom")))
            .setLinks(strings(n, "links"))
            .setSource(orElse(text(n, "source", false), "unknown"))
            .build();
      case SUBSCRIBERS:
        return SubscriberCount.newBuilder()
            .setPlatform(platform)
            .setChannel(Handles.canonical(text(n, "channel", true)))
            .setObservedAt(instant(n, "observedAt", true))
            .setSubscribers(nonNegative(n, "subscribers", true))
            .setSource(orElse(text(n, "source", false), "unknown"))
            .build();
      case PROFILE:
        return ChannelProfile.newBuilder()
            .setPlatform(platform)
            .setChannel(Handles.canonical(text(n, "channel", true)))
            .setObservedAt(instant(n, "observedAt", true))
            .setTitle(text(n, "title", false))
            .setDescription(text(n, "description", false))
            .setLinks(strings(n, "links"))
            .setSource(orElse(text(n, "source", false), "unknown"))
            .build();
      case PLATFORM:
        return PlatformStat.newBuilder()
            .setPlatform(platform)
            .setObservedAt(instant(n, "observedAt", true))
            .setReportedUsers(nonNegative(n, "reportedUsers", true))
            .setSource(orElse(text(n, "source", false), "unknown"))
            .build();
      default:
        throw new IllegalStateException(recordType.name());
    }
  }

  /** One JSON line (no newline) for a record; the inverse of {@link #decode(String)}. */
  public String encode(SpecificRecord record) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", RecordType.of(record).jsonType());
    if (record instanceof Post p) {
      n.put("platform", p.getPlatform());
      n.put("channel", p.getChannel());
      n.put("postId", p.getPostId());
      n.put("publishedAt", p.getPublishedAt().toString());
      n.put("collectedAt", p.getCollectedAt().toString());
      n.put("text", p.getText());
      n.put("views", p.getViews());
      n.put("forwards", p.getForwards());
      if (p.getForwardedFrom() == null) {
        n.putNull("forwardedFrom");
      } else {
        ObjectNode f = n.putObject("forwardedFrom");
        PostRef r = p.getForwardedFrom();
        f.put("platform", r.getPlatform());
        f.put("channel", r.getChannel());
        f.put("postId", r.getPostId());
        if (r.getName() != null) {
          f.put("name", r.getName());
        }
      }
      ArrayNode links = n.putArray("links");
      p.getLinks().forEach(links::add);
      n.put("source", p.getSource());
    } else if (record instanceof SubscriberCount s) {
      n.put("platform", s.getPlatform());
      n.put("channel", s.getChannel());
      n.put("observedAt", s.getObservedAt().toString());
      n.put("subscribers", s.getSubscribers());
      n.put("source", s.getSource());
    } else if (record instanceof ChannelProfile c) {
      n.put("platform", c.getPlatform());
      n.put("channel", c.getChannel());
      n.put("observedAt", c.getObservedAt().toString());
      n.put("title", c.getTitle());
      n.put("description", c.getDescription());
      ArrayNode links = n.putArray("links");
      c.getLinks().forEach(links::add);
      n.put("source", c.getSource());
    } else if (record instanceof PlatformStat p) {
      n.put("platform", p.getPlatform());
      n.put("observedAt", p.getObservedAt().toString());
      n.put("reportedUsers", p.getReportedUsers());
      n.put("source", p.getSource());
    }
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private PostRef postRef(JsonNode f) {
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isObject()) {
      throw new InvalidRecordException("forwardedFrom must be an object or null");
    }
    String channel = text(f, "channel", false);
    return PostRef.newBuilder()
        .setPlatform(registry.requireKnown(text(f, "platform", true)))
        .setChannel(channel == null ? null : Handles.canonical(channel))
        .setPostId(nonNegative(f, "postId", false))
        .setName(text(f, "name", false))
        .build();
  }

  private static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new InvalidRecordException("field '" + field + "' is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidRecordException("field '" + field + "' must be a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  private static Long nonNegative(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new InvalidRecordException("field '" + field + "' is missing");
      }
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidRecordException("field '" + field + "' must be an integer, got '" + v + "'");
    }
    long value = v.asLong();
    if (value < 0) {
      throw new InvalidRecordException("field '" + field + "' must not be negative, got " + value);
    }
    return value;
  }

  private static Instant instant(JsonNode n, String field, boolean required) {
    String s = text(n, field, required);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidRecordException(
            "field '" + field + "' is not an ISO-8601 timestamp with zone: '" + s + "'");
      }
    }
  }

  private static List<String> strings(JsonNode n, String field) {
    JsonNode v = n.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new InvalidRecordException("field '" + field + "' must be an array of strings");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new InvalidRecordException("field '" + field + "' must contain only strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
