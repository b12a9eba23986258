package org.kooch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.Simulation;
import org.kooch.ingest.simulate.TimedRecord;
import org.kooch.ingest.simulate.Truth;
import org.kooch.streaming.RecordReplay;

/**
 * Scores the migration estimates against a simulation's truth: the scenario's records go through
 * the real Flink job (bounded, from memory instead of Kafka) into a fresh ClickHouse database,
 * and the estimated daily flows and platform totals are compared with what really happened.
 */
final class AccuracyBenchmark {
  /**
   * A scenario variant and its scores. {@code unannouncedFound}: the share of the subscribers who
   * moved along unannounced moves' pairs that moved along pairs Kooch found (NaN without such
   * moves); {@code onImpostors}: the share of all estimated flow that is on pairs with an impostor
   * (NaN without impostors).
   */
  record Score(String variant, Map<String, double[]> flowWape, Map<String, double[]> totalsError, double unannouncedFound,
      double onImpostors) {}

  private AccuracyBenchmark() {}

  static Score run(String variant, Scenario scenario, ClickHouseSettings clickhouse, int parallelism) throws Exception {
    Simulation sim = land(variant, scenario, clickhouse, parallelism);
    return score(variant, scenario, sim, clickhouse);
  }

  /** Scores what {@link #land} put in {@code clickhouse} against the simulation's truth. */
  static Score score(String variant, Scenario scenario, Simulation sim, ClickHouseSettings clickhouse) {
    try (ClickHouseGateway g = new ClickHouseGateway(clickhouse)) {
      return new Score(variant, flowWape(sim.truth(), g), totalsError(sim.truth(), g), unannouncedFound(scenario, sim.truth(), g),
          onImpostors(scenario, g));
    }
  }

  /** Of the true flow along unannounced moves' pairs (the move and the ban's leavers), the share on pairs Kooch found. */
  static double unannouncedFound(Scenario scenario, Truth truth, ClickHouseGateway g) {
    java.util.Set<String> unannounced = new java.util.HashSet<>();
    for (Scenario.Move m : scenario.moves()) {
      if (!m.isAnnounced()) {
        Scenario.Owner o = scenario.owner(m.owner());
        for (String target : m.to().keySet()) {
          unannounced.add(pair(m.from() + "/" + o.accounts().get(m.from()).handle(), target + "/" + o.accounts().get(target).handle()));
        }
      }
    }
    if (unannounced.isEmpty()) {
      return Double.NaN;
    }
    java.util.Set<String> found = new java.util.HashSet<>();
    for (JsonNode r : g.query("SELECT DISTINCT from_platform, from_channel, to_platform, to_channel FROM channel_links FINAL"
        + " WHERE evidence IN ('inferred', 'post_link', 'profile_link') AND from_platform != to_platform")) {
      found.add(pair(r.get("from_platform").asText() + "/" + r.get("from_channel").asText(),
          r.get("to_platform").asText() + "/" + r.get("to_channel").asText()));
    }
    double moved = 0;
    double onFound = 0;
    for (Truth.Flow f : truth.flows()) {
      String p = pair(f.fromPlatform() + "/" + f.fromChannel(), f.toPlatform() + "/" + f.toChannel());
      if (unannounced.contains(p)) {
        moved += f.flow();
        onFound += found.contains(p) ? f.flow() : 0;
      }
    }
    return onFound / moved;
  }

  /** The share of all estimated flow on pairs one of whose accounts is an impostor. */
  static double onImpostors(Scenario scenario, ClickHouseGateway g) {
    if (scenario.impostors().isEmpty()) {
      return Double.NaN;
    }
    java.util.Set<String> fakes = new java.util.HashSet<>();
    scenario.impostors().forEach(i -> fakes.add(i.platform() + "/" + i.handle()));
    double all = 0;
    double onFakes = 0;
    for (JsonNode r : g.query("SELECT from_platform, from_channel, to_platform, to_channel, sum(flow) AS flow FROM v_channel_flows"
        + " GROUP BY from_platform, from_channel, to_platform, to_channel")) {
      double flow = r.get("flow").asDouble();
      all += flow;
      if (fakes.contains(r.get("from_platform").asText() + "/" + r.get("from_channel").asText())
          || fakes.contains(r.get("to_platform").asText() + "/" + r.get("to_channel").asText())) {
        onFakes += flow;
      }
    }
    return all == 0 ? 0 : onFakes / all;
  }

  private static String pair(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }

  /** Simulates the scenario and runs its records through the real job into a new database; returns the simulation. */
  static Simulation land(String variant, Scenario scenario, ClickHouseSettings clickhouse, int parallelism) throws Exception {
    Simulation sim = ScenarioSimulator.run(scenario);
    ScratchDatabase.recreate(clickhouse);
    RecordReplay.run("accuracy " + variant, sim.records().stream().map(TimedRecord::record).toList(), clickhouse, parallelism);
    return sim;
  }

  /** Per platform pair: {WAPE of daily flows, true total, estimated total}. */
  static Map<String, double[]> flowWape(Truth truth, ClickHouseGateway g) {
    Map<String, Map<LocalDate, Double>> real = new TreeMap<>();
    for (Truth.Flow f : truth.flows()) {
      real.computeIfAbsent(f.fromPlatform() + ">" + f.toPlatform(), k -> new TreeMap<>()).merge(f.day(), f.flow(), Double::sum);
    }
    Map<String, Map<LocalDate, Double>> est = new TreeMap<>();
    for (JsonNode r : g.query("SELECT toString(day) AS day, from_platform, to_platform, flow FROM v_migration_flows")) {
      est.computeIfAbsent(r.get("from_platform").asText() + ">" + r.get("to_platform").asText(), k -> new TreeMap<>())
          .merge(LocalDate.parse(r.get("day").asText()), r.get("flow").asDouble(), Double::sum);
    }
    Map<String, double[]> out = new TreeMap<>();
    double allErr = 0;
    double allTrue = 0;
    double allEst = 0;
    for (String pair : real.keySet()) {
      Map<LocalDate, Double> t = real.get(pair);
      Map<LocalDate, Double> e = est.getOrDefault(pair, Map.of());
      java.util.Set<LocalDate> days = new java.util.TreeSet<>(t.keySet());
      days.addAll(e.keySet());
      double err = 0;
      double sumTrue = 0;
      double sumEst = 0;
      for (LocalDate d : days) {
        double tv = t.getOrDefault(d, 0.0);
        double ev = e.getOrDefault(d, 0.0);
        err += Math.abs(ev - tv);
        sumTrue += tv;
        sumEst += ev;
      }
      out.put(pair, new double[] {sumTrue == 0 ? Double.NaN : err / sumTrue, sumTrue, sumEst});
      allErr += err;
      allTrue += sumTrue;
      allEst += sumEst;
    }
    // Flows estimated between pairs that had none in truth count against the estimate too.
    for (String pair : est.keySet()) {
      if (!real.containsKey(pair)) {
        double sum = est.get(pair).values().stream().mapToDouble(Double::doubleValue).sum();
        out.put(pair, new double[] {Double.POSITIVE_INFINITY, 0, sum});
        allErr += sum;
        allEst += sum;
      }
    }
    out.put("all", new double[] {allErr / allTrue, allTrue, allEst});
    return out;
  }

  /**
   * Per platform: {WAPE of daily tracked subscribers (sum of absolute errors over the sum of true
   * totals), the largest relative error of a single day}. A day without an estimate counts fully.
   */
  static Map<String, double[]> totalsError(Truth truth, ClickHouseGateway g) {
    Map<String, Map<LocalDate, Long>> est = new TreeMap<>();
    for (JsonNode r : g.query("SELECT toString(day) AS day, platform, tracked_subscribers FROM v_platform_daily")) {
      est.computeIfAbsent(r.get("platform").asText(), k -> new TreeMap<>())
          .put(LocalDate.parse(r.get("day").asText()), r.get("tracked_subscribers").asLong());
    }
    Map<String, double[]> sums = new TreeMap<>();
    for (Map.Entry<LocalDate, Map<String, Long>> day : truth.platformTotals().entrySet()) {
      for (Map.Entry<String, Long> p : day.getValue().entrySet()) {
        if (p.getValue() == 0) {
          continue;
        }
        Long e = est.getOrDefault(p.getKey(), Map.of()).get(day.getKey());
        double abs = e == null ? p.getValue() : Math.abs(e - p.getValue());
        double[] s = sums.computeIfAbsent(p.getKey(), k -> new double[3]);
        s[0] += abs;
        s[1] += p.getValue();
        s[2] = Math.max(s[2], abs / p.getValue());
      }
    }
    Map<String, double[]> out = new TreeMap<>();
    sums.forEach((k, s) -> out.put(k, new double[] {s[0] / s[1], s[2]}));
    return out;
  }
}
