package org.kooch.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.Simulation;
import org.kooch.ingest.simulate.TimedRecord;
import org.kooch.ingest.simulate.Truth;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.flows.ChannelFlowRow;
import org.kooch.streaming.flows.ControlSeries;
import org.kooch.streaming.flows.CounterPrecision;
import org.kooch.streaming.flows.DayEndEstimator;
import org.kooch.streaming.flows.DayEndInterpolation;
import org.kooch.streaming.flows.FlowCandidate;
import org.kooch.streaming.flows.FlowSplit;
import org.kooch.streaming.flows.PairBaseline;
import org.kooch.streaming.flows.PairDayEnd;
import org.kooch.streaming.flows.PlatformShockEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kooch bench offline-accuracy}: a fast loop for work on the estimator, not a measurement.
 * The flow arithmetic of the job's operators ({@link DayEndInterpolation}, {@link
 * PlatformShockEstimator}, {@link PairBaseline}, {@link FlowSplit}) is applied once to all of a
 * simulation's counts, as the job ends up after every record has arrived, and scored like {@link
 * AccuracyBenchmark} (daily flow WAPE per platform pair) in about a second per variant instead of a
 * Flink run into ClickHouse. It takes the pairs from the scenario's moves (the job finds them in
 * announcements), so it may drift from the job: report figures of {@code kooch bench accuracy} only.
 */
@Command(name = "offline-accuracy", mixinStandardHelpOptions = true,
    description = {"The job's flow arithmetic on simulated counts, in seconds: a loop for estimator work.",
        "No Kafka, Flink or ClickHouse: the job's flow arithmetic applied to",
        "simulated counts, scored like `bench accuracy`. Pairs come from the scenario's moves, so figures may drift",
        "from the job's; report those of `bench accuracy`."})
final class OfflineAccuracy implements Callable<Integer> {
  private static final long DAY_MS = 86_400_000L;

  @Parameters(paramLabel = "VARIANT", arity = "0..*",
      description = "seed:N, noise:F or dual-homing:S (default: seed:2018 seed:7 seed:42 noise:2 dual-homing:0.2 dual-homing:0.7).")
  List<String> variants = List.of("seed:2018", "seed:7", "seed:42", "noise:2", "dual-homing:0.2", "dual-homing:0.7");

  @Option(names = "--scenario", defaultValue = Scenario.IRAN_2018, description = "Base scenario (default ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--truth", description = "Use the true day ends instead of the observations: the method's own error, without the counters' noise.")
  boolean truth;

  @Option(names = "--pairs", description = "Print every platform pair, not only the total.")
  boolean printPairs;

  @Override
  public Integer call() throws Exception {
    Scenario base = Scenario.load(scenario);
    System.out.printf(Locale.ROOT, "%-18s %-22s %8s %12s %12s%n", "variant", "pair", "WAPE", "true", "estimated");
    for (String v : variants) {
      String[] kv = v.split(":", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("seed:N, noise:F or dual-homing:S, not " + v);
      }
      Scenario s = switch (kv[0]) {
        case "seed" -> ScenarioVariants.withSeed(base, Long.parseLong(kv[1]));
        case "noise" -> ScenarioVariants.withNoise(base, Double.parseDouble(kv[1]));
        case "dual-homing" -> ScenarioVariants.withDualHoming(base, Double.parseDouble(kv[1]));
        default -> throw new IllegalArgumentException("seed:N, noise:F or dual-homing:S, not " + v);
      };
      score(v, ScenarioSimulator.run(s), s);
    }
    return 0;
  }

  private void score(String name, Simulation sim, Scenario s) {
    Map<String, TreeMap<Long, double[]>> ends = truth ? trueDayEnds(sim.truth()) : dayEnds(sim);
    Map<String, Long> pairs = new TreeMap<>();
    Map<String, Long> linkedSince = new HashMap<>();
    for (Scenario.Move m : s.moves()) {
      String from = m.from() + "/" + s.owner(m.owner()).accounts().get(m.from()).handle();
      long day = LocalDate.parse(m.date()).toEpochDay();
      for (String t : m.to().keySet()) {
        String to = t + "/" + s.owner(m.owner()).accounts().get(t).handle();
        pairs.merge(PairDayEnd.pairKey(from, to), day, Math::min);
        linkedSince.merge(from, day, Math::min);
        linkedSince.merge(to, day, Math::min);
      }
    }
    Map<String, Map<Long, Double>> shocks = shocks(ends, linkedSince);
    Map<String, TreeMap<Long, List<FlowCandidate>>> bySource = new TreeMap<>();
    for (Map.Entry<String, Long> p : pairs.entrySet()) {
      String[] k = p.getKey().split("\\|");
      for (FlowCandidate c : PairBaseline.candidates(k[0], ends.getOrDefault(k[0], new TreeMap<>()), shocks.getOrDefault(platform(k[0]), Map.of()),
          k[1], ends.getOrDefault(k[1], new TreeMap<>()), shocks.getOrDefault(platform(k[1]), Map.of()), p.getValue())) {
        bySource.computeIfAbsent(c.from, x -> new TreeMap<>()).computeIfAbsent(c.day, x -> new ArrayList<>()).add(c);
      }
    }
    Map<String, Map<Long, Double>> estimated = new TreeMap<>();
    for (TreeMap<Long, List<FlowCandidate>> days : bySource.values()) {
      days.values().forEach(cs -> cs.sort(Comparator.comparing(c -> c.to)));
      double ratio = FlowSplit.ratio(days.values());
      days.forEach((day, cs) -> {
        for (ChannelFlowRow r : FlowSplit.rows(day, cs, ratio)) {
          estimated.computeIfAbsent(r.fromPlatform + ">" + r.toPlatform, x -> new TreeMap<>()).merge(day, (double) r.flow, Double::sum);
        }
      });
    }
    Map<String, Map<Long, Double>> real = new TreeMap<>();
    for (Truth.Flow f : sim.truth().flows()) {
      real.computeIfAbsent(f.fromPlatform() + ">" + f.toPlatform(), x -> new TreeMap<>()).merge(f.day().toEpochDay(), f.flow(), Double::sum);
    }
    Set<String> keys = new TreeSet<>(real.keySet());
    keys.addAll(estimated.keySet());
    double err = 0;
    double sumTrue = 0;
    double sumEst = 0;
    StringBuilder lines = new StringBuilder();
    for (String k : keys) {
      Map<Long, Double> t = real.getOrDefault(k, Map.of());
      Map<Long, Double> e = estimated.getOrDefault(k, Map.of());
      Set<Long> days = new TreeSet<>(t.keySet());
      days.addAll(e.keySet());
      double pe = 0;
      double pt = 0;
      double ps = 0;
      for (long d : days) {
        pe += Math.abs(t.getOrDefault(d, 0.0) - e.getOrDefault(d, 0.0));
        pt += t.getOrDefault(d, 0.0);
        ps += e.getOrDefault(d, 0.0);
      }
      err += pe;
      sumTrue += pt;
      sumEst += ps;
      if (pt > 0 || Math.round(ps) != 0) {
        lines.append(String.format(Locale.ROOT, "%-18s %-22s %7.1f%% %,12.0f %,12.0f%n", name, k, 100 * pe / pt, pt, ps));
      }
    }
    System.out.printf(Locale.ROOT, "%-18s %-22s %7.1f%% %,12.0f %,12.0f%n", name, "all", 100 * err / sumTrue, sumTrue, sumEst);
    if (printPairs) {
      System.out.print(lines);
    }
  }

  /** Day ends as {@link DayEndEstimator} ends up with every observation in (none dropped as too late). */
  private static Map<String, TreeMap<Long, double[]>> dayEnds(Simulation sim) {
    Map<String, TreeMap<Long, Long>> observations = new TreeMap<>();
    for (TimedRecord r : sim.records()) {
      if (r.record() instanceof SubscriberCount c) {
        TreeMap<Long, Long> m = observations.computeIfAbsent(c.getPlatform() + "/" + c.getChannel(), k -> new TreeMap<>());
        long t = c.getObservedAt().toEpochMilli();
        long value = c.getSubscribers();
        Long old = m.get(t);
        if (old == null || CounterPrecision.halfUnit(old) > CounterPrecision.halfUnit(value)
            || (CounterPrecision.halfUnit(old) == CounterPrecision.halfUnit(value) && old < value)) {
          m.put(t, value);
        }
      }
    }
    Map<String, TreeMap<Long, double[]>> ends = new TreeMap<>();
    observations.forEach((channel, obs) -> {
      TreeMap<Long, double[]> series = new TreeMap<>();
      for (long d = Math.floorDiv(obs.firstKey(), DAY_MS) - 2; d <= Math.floorDiv(obs.lastKey(), DAY_MS) + 1; d++) {
        double[] v = DayEndInterpolation.at((d + 1) * DAY_MS, obs);
        if (v != null) {
          series.put(d, v);
        }
      }
      ends.put(channel, series);
    });
    return ends;
  }

  private static Map<String, TreeMap<Long, double[]>> trueDayEnds(Truth truth) {
    Map<String, TreeMap<Long, double[]>> ends = new TreeMap<>();
    for (Truth.ChannelDay c : truth.channels()) {
      ends.computeIfAbsent(c.platform() + "/" + c.channel(), k -> new TreeMap<>()).put(c.day().toEpochDay(), new double[] {c.subscribers(), 0});
    }
    return ends;
  }

  /** Each platform's shocks as {@link PlatformShockEstimator} ends up with every day end in. */
  private static Map<String, Map<Long, Double>> shocks(Map<String, TreeMap<Long, double[]>> ends, Map<String, Long> linkedSince) {
    Map<String, List<ControlSeries>> byPlatform = new TreeMap<>();
    ends.forEach((channel, series) -> {
      ControlSeries cs = new ControlSeries();
      series.forEach((d, v) -> cs.record(d, v[0], v[1], linkedSince.getOrDefault(channel, Long.MAX_VALUE)));
      cs.trend = cs.trend();
      byPlatform.computeIfAbsent(platform(channel), k -> new ArrayList<>()).add(cs);
    });
    Map<String, Map<Long, Double>> shocks = new HashMap<>();
    byPlatform.forEach((platform, controls) -> {
      TreeSet<Long> days = new TreeSet<>();
      controls.forEach(cs -> days.addAll(cs.values.keySet()));
      Map<Long, Double> measured = new HashMap<>();
      for (long d : days) {
        double m = PlatformShockEstimator.measure(d, controls);
        if (!Double.isNaN(m)) {
          measured.put(d, m);
        }
      }
      Map<Long, Double> filled = new HashMap<>();
      for (long d = days.first() - PlatformShockEstimator.MAX_GAP_DAYS; d <= days.last() + PlatformShockEstimator.MAX_GAP_DAYS; d++) {
        filled.put(d, PlatformShockEstimator.shock(d, measured::get));
      }
      shocks.put(platform, filled);
    });
    return shocks;
  }

  private static String platform(String channelKey) {
    return channelKey.substring(0, channelKey.indexOf('/'));
  }
}
