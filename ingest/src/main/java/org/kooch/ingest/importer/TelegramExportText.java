package org.kooch.ingest.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kooch.schemas.InvalidRecordException;

/**
 * A Telegram Desktop export message's text and the links in it. The export writes text either as
 * a string or as an array mixing plain strings and entity objects ({@code {type, text, href}});
 * newer exports also write {@code text_entities} (every piece an object), which is preferred.
 * Pieces are concatenated exactly as exported (Persian, ZWNJ and emoji untouched); links come
 * from the entities, because Telegram already marked every URL and mention it recognised.
 */
public record TelegramExportText(String text, List<String> links) {

  /** Text and links of one message object. */
  public static TelegramExportText of(JsonNode message) {
    JsonNode entities = message.get("text_entities");
    if (entities != null && entities.isArray()) {
      return flatten(entities, "text_entities");
    }
    JsonNode text = message.get("text");
    if (text == null || text.isNull()) {
      return new TelegramExportText("", List.of());
    }
    if (text.isTextual()) {
      return new TelegramExportText(text.asText(), List.of());
    }
    if (text.isArray()) {
      return flatten(text, "text");
    }
    throw new InvalidRecordException("field 'text' must be a string or an array, got " + text.getNodeType());
  }

  private static TelegramExportText flatten(JsonNode pieces, String field) {
    StringBuilder text = new StringBuilder();
    // Insertion order, each link once: the same URL repeated in a post is one link.
    Set<String> links = new LinkedHashSet<>();
    for (JsonNode piece : pieces) {
      if (piece.isTextual()) {
        text.append(piece.asText());
        continue;
      }
      if (!piece.isObject()) {
        throw new InvalidRecordException(
            "field '" + field + "' must hold strings and entity objects, got " + piece.getNodeType());
      }
      JsonNode pieceText = piece.get("text");
      if (pieceText == null || !pieceText.isTextual()) {
        throw new InvalidRecordException("an entity in '" + field + "' has no text: " + piece);
      }
      String t = pieceText.asText();
      text.append(t);
      String link = link(piece.path("type").asText(""), t, piece.get("href"));
      if (link != null) {
        links.add(link);
      }
    }
    return new TelegramExportText(text.toString(), List.copyOf(links));
  }

  /** The link an entity stands for, or null: hashtags, formatting and the rest are only text. */
  private static String link(String type, String text, JsonNode href) {
    switch (type) {
      case "text_link":
        // The shown text is arbitrary ("our Soroush channel"); the target is in href.
        return href != null && href.isTextual() && !href.asText().isBlank() ? href.asText() : null;
      case "link":
        return text.isBlank() ? null : text;
      case "mention":
        // "@handle" names a Telegram channel or user: as a link it is t.me/handle, so link
        // detection treats it like any other reference. The text keeps "@handle".
        return text.startsWith("@") && text.length() > 1 ? "https://t.me/" + text.substring(1) : null;
      default:
        return null;
    }
  }
}
