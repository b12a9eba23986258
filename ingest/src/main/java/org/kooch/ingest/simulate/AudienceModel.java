package org.kooch.ingest.simulate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The true audience of every account, day by day: organic joins and churn, moves announced by
 * owners (movers who leave the source and join a target are flows; dual-homers only join), and
 * bans (extra churn, part of which follows the owner to other platforms).
 */
final class AudienceModel {
  /** One account of an owner on a platform, with its true count at the start and end of each day. */
  static final class Account {
    final Scenario.Owner owner;
    final String platform;
    final Scenario.Account spec;
    final LocalDate opened;
    final double[] dayStart;
    final double[] dayEnd;
    /** Someone else's channel under an owner's handle ({@link Scenario.Impostor}). */
    final boolean impostor;
    double current;
    boolean open;

    Account(Scenario.Owner owner, String platform, Scenario.Account spec, LocalDate start, int days, boolean impostor) {
      this.owner = owner;
      this.impostor = impostor;
      this.platform = platform;
      this.spec = spec;
      this.opened = spec.opened() == null ? start : LocalDate.parse(spec.opened());
      this.dayStart = new double[days];
      this.dayEnd = new double[days];
    }

    String handle() {
      return spec.handle();
    }

    boolean openOn(int day, LocalDate start) {
      return !start.plusDays(day).isBefore(opened);
    }
  }

  private final Scenario scenario;
  private final LocalDate start;
  private final int days;
  private final List<Account> accounts = new ArrayList<>();
  private final Random random;
  /** Impostors' draws: adding impostors to a scenario leaves its owners' audiences as they were. */
  private final Random impostorRandom;

  AudienceModel(Scenario scenario) {
    this.scenario = scenario;
    this.start = scenario.startDate();
    this.days = (int) ChronoUnit.DAYS.between(start, scenario.endDate()) + 1;
    this.random = new Random(scenario.seed());
    this.impostorRandom = new Random(scenario.seed() * 17 + 3);
    for (Scenario.Owner o : scenario.owners()) {
      o.accounts().forEach((platform, spec) -> accounts.add(new Account(o, platform, spec, start, days, false)));
    }
    for (Scenario.Impostor i : scenario.impostors()) {
      Scenario.Owner o = i.asOwner();
      o.accounts().forEach((platform, spec) -> accounts.add(new Account(o, platform, spec, start, days, true)));
    }
  }

  List<Account> accounts() {
    return accounts;
  }

  int days() {
    return days;
  }

  LocalDate start() {
    return start;
  }

  Account account(String owner, String platform) {
    for (Account a : accounts) {
      if (a.owner.id().equals(owner) && a.platform.equals(platform)) {
        return a;
      }
    }
    throw new IllegalArgumentException(owner + " has no account on " + platform);
  }

  /** Runs the model over every day of the scenario and records the truth. */
  Truth run() {
    Truth truth = new Truth();
    Map<Scenario.Move, Double> willing = new HashMap<>();
    for (int d = 0; d < days; d++) {
      LocalDate day = start.plusDays(d);
      Map<Account, Double> delta = new HashMap<>();
      for (Account a : accounts) {
        if (!a.open && a.openOn(d, start)) {
          a.open = true;
          a.current = a.spec.subscribers();
        }
        a.dayStart[d] = a.current;
        if (a.open) {
          double joins = a.current * a.spec.growth() + a.spec.dailyJoins();
          double leaves = a.current * a.spec.churn();
          double jitter = 1 + 0.1 * (a.impostor ? impostorRandom : random).nextGaussian();
          delta.merge(a, (joins - leaves) * jitter, Double::sum);
        }
      }
      for (Scenario.Move m : scenario.moves()) {
        LocalDate date = LocalDate.parse(m.date());
        if (day.isBefore(date)) {
          continue;
        }
        Account from = account(m.owner(), m.from());
        double pool = willing.computeIfAbsent(m, k -> from.dayStart[(int) ChronoUnit.DAYS.between(start, date)] * m.follow());
        double tau = m.halfLifeDays() / Math.log(2);
        long k = ChronoUnit.DAYS.between(date, day);
        double movers = pool * (Math.exp(-k / tau) - Math.exp(-(k + 1) / tau));
        for (Map.Entry<String, Double> target : m.to().entrySet()) {
          Account to = account(m.owner(), target.getKey());
          if (!to.open) {
            continue;
          }
          double joiners = movers * target.getValue();
          double flow = joiners * (1 - m.dualHoming());
          delta.merge(from, -flow, Double::sum);
          delta.merge(to, joiners, Double::sum);
          truth.addFlow(new Truth.Flow(day, from.platform, from.handle(), to.platform, to.handle(), flow));
        }
      }
      for (Scenario.Ban b : scenario.bans()) {
        LocalDate date = LocalDate.parse(b.date());
        if (day.isBefore(date)) {
          continue;
        }
        double tau = b.halfLifeDays() / Math.log(2);
        long k = ChronoUnit.DAYS.between(date, day);
        double rate = b.churn() * Math.exp(-k / tau);
        for (Account a : accounts) {
          if (!a.open || !a.platform.equals(b.platform())) {
            continue;
          }
          double leavers = a.current * rate;
          delta.merge(a, -leavers, Double::sum);
          List<Account> linked = new ArrayList<>();
          for (Account other : accounts) {
            if (other.owner == a.owner && other.open && !other.platform.equals(a.platform)) {
              linked.add(other);
            }
          }
          for (Account to : linked) {
            double flow = leavers * b.toLinked() / linked.size();
            delta.merge(to, flow, Double::sum);
            truth.addFlow(new Truth.Flow(day, a.platform, a.handle(), to.platform, to.handle(), flow));
          }
        }
      }
      for (Account a : accounts) {
        a.current = Math.max(0, a.current + delta.getOrDefault(a, 0.0));
        a.dayEnd[d] = a.current;
        if (a.open) {
          truth.addChannelDay(new Truth.ChannelDay(day, a.platform, a.handle(), Math.round(a.current)));
        }
      }
    }
    return truth;
  }
}
