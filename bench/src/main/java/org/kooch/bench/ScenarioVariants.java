package org.kooch.bench;

import java.util.List;
import org.kooch.ingest.simulate.Scenario;

/** Variations of a scenario for the accuracy benchmark. */
final class ScenarioVariants {
  private ScenarioVariants() {}

  static Scenario withSeed(Scenario s, long seed) {
    return new Scenario(s.name(), s.start(), s.end(), seed, s.platforms(), s.owners(), s.moves(), s.bans(), s.noise());
  }

  static Scenario withNoise(Scenario s, double factor) {
    Scenario.Noise n = s.noise();
    Scenario.Noise scaled = new Scenario.Noise(n.observationsPerDay(), Math.min(0.9, n.missingDay() * factor),
        Math.min(0.9, n.duplicate() * factor), Math.min(0.9, n.late() * factor), Math.min(1.0, n.rounded() * factor),
        n.relativeNoise() * factor, n.postsPerDay());
    return new Scenario(s.name(), s.start(), s.end(), s.seed(), s.platforms(), s.owners(), s.moves(), s.bans(), scaled);
  }

  static Scenario withDualHoming(Scenario s, double share) {
    List<Scenario.Move> moves = s.moves().stream()
        .map(m -> new Scenario.Move(m.date(), m.owner(), m.from(), m.to(), m.follow(), m.halfLifeDays(), share, m.quit()))
        .toList();
    return new Scenario(s.name(), s.start(), s.end(), s.seed(), s.platforms(), s.owners(), moves, s.bans(), s.noise());
  }
}
