package org.kooch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

  /**
   * The scenario with {@code unannouncedShare} of its moves (chosen by the seed) made without an
   * announcement, their targets mirroring {@code mirror} of the source's posts, and {@code impostors}
   * channels under owners' handles on platforms where those owners have no account, each with its
   * own audience of 20,000 to 80,000 that grows through the move and the ban.
   */
  static Scenario withUnannounced(Scenario s, double unannouncedShare, double mirror, int impostors) {
    Random random = new Random(s.seed());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < s.moves().size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    int unannounced = (int) Math.round(unannouncedShare * s.moves().size());
    List<Scenario.Move> moves = new ArrayList<>(s.moves());
    for (int i = 0; i < unannounced; i++) {
      int m = order.get(i);
      moves.set(m, moves.get(m).with(false, mirror));
    }
    List<Scenario.Impostor> fakes = new ArrayList<>();
    for (Scenario.Owner o : s.owners()) {
      String handle = o.accounts().values().iterator().next().handle();
      for (Scenario.PlatformSpec p : s.platforms()) {
        if (fakes.size() < impostors && !o.accounts().containsKey(p.id())) {
          fakes.add(new Scenario.Impostor(p.id(), handle, "Not " + o.title(), "کانال هواداران " + fakes.size(),
              20_000 + random.nextInt(60_000), 150, 0.002, 0.0005));
        }
      }
    }
    return new Scenario(s.name(), s.start(), s.end(), s.seed(), s.platforms(), s.owners(), moves, s.bans(), s.noise(), fakes);
  }
}
