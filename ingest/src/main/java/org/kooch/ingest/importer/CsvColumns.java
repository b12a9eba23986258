package org.kooch.ingest.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.RecordType;

/**
 * The columns of a CSV file, named by its header after the fields of the record contract, and the
 * conversion of one row into the contract's JSON object, which {@code JsonLinesCodec} then
 * validates exactly as it validates a JSON line: both formats share one contract.
 */
final class CsvColumns {
  /** Column names: the contract's fields (docs/contracts.md, "Records"). */
  static final List<String> FIELDS =
      List.of(
          "type", "platform", "channel", "postId", "publishedAt", "collectedAt", "text", "views",
          "forwards", "forwardedFrom", "links", "source", "observedAt", "subscribers", "title",
          "description", "reportedUsers");

  private static final Set<String> INTEGERS = Set.of("postId", "views", "forwards", "subscribers", "reportedUsers");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<String> names;
  private final RecordType defaultType;

  private CsvColumns(List<String> names, RecordType defaultType) {
    this.names = names;
    this.defaultType = defaultType;
  }

  /**
   * Columns from the header row. Names are matched ignoring case and surrounding spaces; an
   * unknown or repeated name stops the import, since a misspelt column ("view") would otherwise
   * silently become a missing field in every row.
   *
   * @param defaultType type of rows without a type cell; null if every row must name its type
   */
  static CsvColumns of(String file, CsvRows.Row header, RecordType defaultType) throws MalformedFileException {
    Map<String, String> known = new LinkedHashMap<>();
    FIELDS.forEach(f -> known.put(f.toLowerCase(Locale.ROOT), f));
    List<String> names = new ArrayList<>();
    if (header.cellCount() > header.cells().size()) {
      throw new MalformedFileException(
          file + ":" + header.line() + ": the header has " + header.cellCount() + " columns, more than the " + FIELDS.size() + " record fields");
    }
    for (String cell : header.cells()) {
      String name = cell.replace("\uFEFF", "").strip();
      String field = known.get(name.toLowerCase(Locale.ROOT));
      String where = file + ":" + header.line() + ": ";
      if (field == null) {
        throw new MalformedFileException(
            where + "unknown column '" + name + "' in the header (columns are record fields: " + String.join(", ", FIELDS) + ")");
      }
      if (names.contains(field)) {
        throw new MalformedFileException(where + "column '" + field + "' appears twice in the header");
      }
      names.add(field);
    }
    if (!names.contains("type") && defaultType == null) {
      throw new MalformedFileException(
          file + ":" + header.line() + ": no 'type' column: add one, or name the type of every row with --type"
              + " (post, subscribers, profile or platform)");
    }
    return new CsvColumns(names, defaultType);
  }

  /** The row as a contract object: empty cells are absent fields, integers become JSON numbers. */
  ObjectNode toRecord(List<String> cells) {
    if (cells.size() != names.size()) {
      throw new InvalidRecordException("row has " + cells.size() + " cells, the header has " + names.size());
    }
    ObjectNode record = MAPPER.createObjectNode();
    if (defaultType != null) {
      record.put("type", defaultType.jsonType());
    }
    for (int i = 0; i < cells.size(); i++) {
      String field = names.get(i);
      String cell = cells.get(i);
      if (cell.isEmpty()) {
        continue;
      }
      if (INTEGERS.contains(field) && INTEGER.matcher(cell.strip()).matches()) {
        record.put(field, new BigInteger(cell.strip()));
      } else if (field.equals("links")) {
        record.set(field, links(cell));
      } else if (field.equals("forwardedFrom")) {
        record.set(field, json(field, cell, "a JSON object like {\"platform\":\"telegram\",\"channel\":\"x\",\"postId\":1}"));
      } else {
        // Anything else stays a string: "1.6M" in a count column is refused by the validator
        // with its own reason, and text keeps every byte (Persian, ZWNJ, emoji, line breaks).
        record.put(field, cell);
      }
    }
    return record;
  }

  /** A links cell: a JSON array, or links separated by '|' (URLs contain no '|'). */
  private static JsonNode links(String cell) {
    if (cell.strip().startsWith("[")) {
      return json("links", cell, "a JSON array or links separated by |");
    }
    ArrayNode links = MAPPER.createArrayNode();
    for (String link : cell.split("\\|")) {
      if (!link.isBlank()) {
        links.add(link.strip());
      }
    }
    return links;
  }

  private static JsonNode json(String field, String cell, String expected) {
    try {
      return MAPPER.readTree(cell);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("field '" + field + "' must be " + expected + ": " + e.getOriginalMessage());
    }
  }
}
