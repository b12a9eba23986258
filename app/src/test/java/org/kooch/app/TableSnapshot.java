package org.kooch.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.Sql;

/**
 * What analysts can see in one database, for comparing two runs: every {@code v_*} view's rows
 * and every table's logical rows ({@code FINAL}), each as a multiset (row JSON to how often it
 * occurs). Generic over tables, so tables and views added later are compared without changing the
 * test, and over a sharded cluster's distributed tables, compared under the same names. Rows with
 * a date at or after {@code cutoffDay} are left out (days a streaming run cannot
 * have closed yet), and so is the migrations log (it records when it was applied).
 */
record TableSnapshot(Map<String, Map<String, Integer>> relations) {
  private static final Set<String> IGNORED = Set.of("kooch_schema_migrations");

  static TableSnapshot of(ClickHouseSettings ch, String cutoffDay) {
    String db = Sql.identifier(ch.database());
    Map<String, Map<String, Integer>> relations = new TreeMap<>();
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      Map<String, String> engines = new TreeMap<>();
      for (JsonNode t : g.query("SELECT name, engine FROM system.tables WHERE database = " + Sql.literal(db))) {
        engines.put(t.get("name").asText(), t.get("engine").asText());
      }
      for (Map.Entry<String, String> t : engines.entrySet()) {
        String name = t.getKey();
        String engine = t.getValue();
        boolean view = engine.equals("View") && name.startsWith("v_");
        // On a sharded cluster a table is a Distributed table over NAME_local on every shard: its
        // logical rows are read through it (a _local table holds one shard's rows only).
        boolean table = engine.equals("ReplacingMergeTree")
            || engine.equals("Distributed") && engines.getOrDefault(name + "_local", "").endsWith("ReplacingMergeTree");
        // AggregatingMergeTree tables (channel_monthly) are ClickHouse's own aggregates of a compared table
        if (IGNORED.contains(name) || !(view || table)) {
          continue;
        }
        Set<String> dateColumns = new HashSet<>();
        for (JsonNode c : g.query("SELECT name, type FROM system.columns WHERE database = " + Sql.literal(db)
            + " AND table = " + Sql.literal(name))) {
          if (c.get("type").asText().contains("Date")) {
            dateColumns.add(c.get("name").asText());
          }
        }
        Map<String, Integer> rows = new TreeMap<>();
        String from = db + "." + Sql.identifier(name) + (view ? "" : " FINAL");
        // Day ends are estimated a day after their midnight, so a streaming run cannot close the
        // last day before the end-of-stream marker either.
        String cutoff = java.time.LocalDate.parse(cutoffDay).minusDays(1).toString();
        for (JsonNode row : g.query("SELECT * FROM " + from)) {
          if (dateColumns.stream().anyMatch(c -> row.hasNonNull(c) && row.get(c).asText().compareTo(cutoff) >= 0)) {
            continue;
          }
          // same_content links depend on the order posts meet in an LSH bucket (bounded state), and
          // inferred links add them up (and are left out when the pair's announcement came first):
          // a known limitation (docs/delivery.md, docs/tables.md), not a delivery property.
          if (row.hasNonNull("evidence") && (row.get("evidence").asText().equals("same_content")
              || row.get("evidence").asText().equals("inferred"))) {
            continue;
          }
          // a flow row with a zero range is "no flow" (what the v_*flows views show; migration 010)
          if (row.has("flow_high") && row.get("flow_high").asLong() == 0) {
            continue;
          }
          // version is bookkeeping (wall-clock for recomputed rows), not part of a logical row
          ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("version");
          rows.merge(row.toString(), 1, Integer::sum);
        }
        relations.put((view ? "view " : "table ") + name, rows);
      }
    }
    return new TableSnapshot(relations);
  }

  /** Rows in one view or table, counting repeats. */
  long rows(String relation) {
    return relations.getOrDefault(relation, Map.of()).values().stream().mapToLong(Integer::longValue).sum();
  }

  /** How this snapshot differs from {@code expected}: missing, extra and repeated rows per relation. */
  List<String> differencesFrom(TableSnapshot expected) {
    List<String> out = new ArrayList<>();
    Set<String> names = new TreeSet<>(expected.relations.keySet());
    names.addAll(relations.keySet());
    for (String name : names) {
      Map<String, Integer> want = expected.relations.getOrDefault(name, Map.of());
      Map<String, Integer> got = relations.getOrDefault(name, Map.of());
      List<String> missing = new ArrayList<>();
      List<String> extra = new ArrayList<>();
      for (Map.Entry<String, Integer> e : want.entrySet()) {
        int n = got.getOrDefault(e.getKey(), 0);
        if (n < e.getValue()) {
          missing.add(e.getKey());
        }
      }
      for (Map.Entry<String, Integer> e : got.entrySet()) {
        if (e.getValue() > want.getOrDefault(e.getKey(), 0)) {
          extra.add(e.getValue() > 1 ? e.getValue() + "x " + e.getKey() : e.getKey());
        }
      }
      if (!missing.isEmpty() || !extra.isEmpty()) {
        out.add(name + ": " + rows(name) + " rows, expected " + expected.rows(name) + "; " + missing.size() + " missing "
            + missing.stream().limit(3).toList() + ", " + extra.size() + " extra or repeated " + extra.stream().limit(3).toList());
      }
    }
    return out;
  }

  /** Rows in a table beyond its logical rows: copies that ReplacingMergeTree has not merged away yet. */
  static Map<String, Long> physicalDuplicates(ClickHouseSettings ch) {
    String db = Sql.identifier(ch.database());
    Map<String, Long> out = new TreeMap<>();
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      for (JsonNode t : g.query("SELECT name FROM system.tables WHERE database = " + Sql.literal(db) + " AND engine LIKE '%MergeTree'")) {
        String name = Sql.identifier(t.get("name").asText());
        if (!IGNORED.contains(name)) {
          out.put(name, g.queryLong("SELECT count() FROM " + db + "." + name) - g.queryLong("SELECT count() FROM " + db + "." + name + " FINAL"));
        }
      }
    }
    return out;
  }
}
