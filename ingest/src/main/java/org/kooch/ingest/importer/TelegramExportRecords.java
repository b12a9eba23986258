package org.kooch.ingest.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.kooch.schemas.InvalidRecordException;

/**
 * Turns the messages and the title of a Telegram Desktop export into posts and a channel profile
 * in the JSON Lines contract form, so that the contract's own validator
 * ({@code JsonLinesCodec.decode(ObjectNode)}) checks them exactly as it checks imported JSON
 * Lines. The export names neither the platform nor the channel's handle: both come from the
 * operator.
 */
public final class TelegramExportRecords {
  /** Source of export records: the Telegram Desktop JSON export. */
  public static final String SOURCE = "telegram-export";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String platform;
  private final String channel;
  private final ZoneId timezone;

  /**
   * @param timezone zone of the export's local {@code date}, for messages without
   *     {@code date_unixtime}; null if unknown (such messages are then refused)
   */
  public TelegramExportRecords(String platform, String channel, ZoneId timezone) {
    this.platform = platform;
    this.channel = channel;
    this.timezone = timezone;
  }

  /** True for service messages (joins, pins, title changes): not posts, skipped on purpose. */
  public static boolean isService(JsonNode message) {
    return "service".equals(message.path("type").asText(null));
  }

  /** The post for a {@code "type": "message"} message, as a contract object. */
  public ObjectNode toPost(JsonNode message) {
    String type = message.path("type").asText("");
    if (!"message".equals(type)) {
      throw new InvalidRecordException("unknown message type '" + type + "' (expected message or service)");
    }
    JsonNode id = message.get("id");
    if (id == null || !id.isIntegralNumber()) {
      throw new InvalidRecordException("message has no integer 'id'");
    }
    TelegramExportText text = TelegramExportText.of(message);
    ObjectNode post = NODES.objectNode();
    post.put("type", "post");
    post.put("platform", platform);
    post.put("channel", channel);
    post.set("postId", id);
    post.put("publishedAt", date(message).toString());
    post.put("text", text.text());
    // Exports rarely carry views; when they do, the validator checks them like any count.
    if (message.has("views")) {
      post.set("views", message.get("views"));
    }
    if (message.has("forwarded_from")) {
      // Only a display name is exported (null when the original sender is hidden), so the
      // reference names no channel and no post.
      ObjectNode ref = post.putObject("forwardedFrom");
      ref.put("platform", platform);
      JsonNode name = message.get("forwarded_from");
      ref.put("name", name.isTextual() ? name.asText() : null);
    }
    ArrayNode links = post.putArray("links");
    text.links().forEach(links::add);
    post.put("source", SOURCE);
    return post;
  }

  /**
   * The channel's profile: its title as exported, observed at {@code observedAt} (the latest
   * message, not the time of import, so importing the same file again gives the same record).
   */
  public ObjectNode toProfile(String title, Instant observedAt) {
    ObjectNode profile = NODES.objectNode();
    profile.put("type", "profile");
    profile.put("platform", platform);
    profile.put("channel", channel);
    profile.put("observedAt", observedAt.toString());
    profile.put("title", title);
    profile.put("source", SOURCE);
    return profile;
  }

  /** The message's date, or null when it has none this importer can read. */
  public Instant dateIfKnown(JsonNode message) {
    try {
      return date(message);
    } catch (InvalidRecordException e) {
      return null;
    }
  }

  /**
   * When the message was sent. {@code date_unixtime} (epoch seconds, in newer exports) is exact;
   * {@code date} is the exporting computer's local time without a zone, so it needs the
   * operator's {@code --timezone}: guessing would shift every post by hours and move posts across
   * day boundaries.
   */
  public Instant date(JsonNode message) {
    JsonNode unix = message.get("date_unixtime");
    if (unix != null && !unix.isNull()) {
      String s = unix.asText();
      if (!s.matches("\\d{1,12}")) {
        throw new InvalidRecordException("date_unixtime '" + s + "' is not a number of seconds");
      }
      return Instant.ofEpochSecond(Long.parseLong(s));
    }
    JsonNode date = message.get("date");
    if (date == null || !date.isTextual()) {
      throw new InvalidRecordException("message has neither 'date_unixtime' nor 'date'");
    }
    if (timezone == null) {
      throw new InvalidRecordException(
          "message has no date_unixtime and its date '" + date.asText()
              + "' is local time without a zone: import again with --timezone (e.g. Asia/Tehran)");
    }
    try {
      return LocalDateTime.parse(date.asText()).atZone(timezone).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException("date '" + date.asText() + "' is not a local date-time like 2018-04-18T10:00:00");
    }
  }
}
