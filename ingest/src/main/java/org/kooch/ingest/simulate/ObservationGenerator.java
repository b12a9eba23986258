package org.kooch.ingest.simulate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/**
 * Turns the true audiences into what collectors would see: subscriber counts at irregular times,
 * some rounded ("1.6M"), jittered, missing for a day, duplicated or delivered days late; posts
 * (with announcements linking the new accounts, and reposts on the targets of moves that mirror
 * their source), each collected again in the hours either side of a day after it was published,
 * its views grown;
 * daily profiles; platform user reports.
 *
 * <p>Each news post's text is its own (a headline, then a line of topics drawn for that post), so
 * two channels share a text only where the scenario says so (a mirrored post), as near-identical
 * posts on two platforms are evidence of one owner. Those texts and the mirroring come from a
 * random sequence of their own, so the counts and posts a scenario had before them are unchanged.
 */
final class ObservationGenerator {
  static final String SOURCE_EXACT = "simulator:exact";
  static final String SOURCE_ROUNDED = "simulator:rounded";
  private static final long DAY_MS = 86_400_000L;

  private final Scenario scenario;
  private final AudienceModel model;
  private final Random ownerDraws;
  /** Impostors' draws: adding impostors to a scenario leaves its owners' records as they were. */
  private final Random impostorDraws;
  /** The draws of the account being generated: {@link #ownerDraws} or {@link #impostorDraws}. */
  private Random random;
  /** Draws for post texts and mirroring only (see the class comment). */
  private final Random texts;
  /** Draws for the second collection of each post, so adding it left every other record as it was. */
  private final Random recollections;
  private final List<TimedRecord> out = new ArrayList<>();
  private final Map<AudienceModel.Account, Long> nextPostId = new HashMap<>();

  ObservationGenerator(Scenario scenario, AudienceModel model) {
    this.scenario = scenario;
    this.model = model;
    this.ownerDraws = new Random(scenario.seed() * 31 + 7);
    this.impostorDraws = new Random(scenario.seed() * 37 + 5);
    this.texts = new Random(scenario.seed() * 131 + 11);
    this.recollections = new Random(scenario.seed() * 137 + 13);
  }

  List<TimedRecord> generate() {
    Scenario.Noise noise = scenario.noise();
    for (int d = 0; d < model.days(); d++) {
      LocalDate day = model.start().plusDays(d);
      long dayStartMs = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      for (AudienceModel.Account a : model.accounts()) {
        if (!a.openOn(d, model.start())) {
          continue;
        }
        random = a.impostor ? impostorDraws : ownerDraws;
        if (random.nextDouble() >= noise.missingDay()) {
          int n = Math.max(1, poisson(noise.observationsPerDay()));
          for (int i = 0; i < n; i++) {
            double frac = random.nextDouble();
            long t = dayStartMs + (long) (frac * DAY_MS);
            double trueCount = a.dayStart[d] + (a.dayEnd[d] - a.dayStart[d]) * frac;
            long observed = Math.max(0, Math.round(trueCount * (1 + noise.relativeNoise() * random.nextGaussian())));
            boolean rounded = random.nextDouble() < noise.rounded();
            SubscriberCount s =
                SubscriberCount.newBuilder()
                    .setPlatform(a.platform)
                    .setChannel(a.handle())
                    .setObservedAt(Instant.ofEpochMilli(t))
                    .setSubscribers(rounded ? roundLikeTelegram(observed) : observed)
                    .setSource(rounded ? SOURCE_ROUNDED : SOURCE_EXACT)
                    .build();
            emit(t, s);
          }
        }
        emit(dayStartMs + DAY_MS / 2, profile(a, day, dayStartMs + DAY_MS / 2));
        posts(a, d, day, dayStartMs);
      }
      for (Scenario.PlatformSpec p : scenario.platforms()) {
        for (Scenario.Report r : p.reports()) {
          if (LocalDate.parse(r.date()).equals(day)) {
            long t = dayStartMs + DAY_MS / 2;
            emit(t, PlatformStat.newBuilder().setPlatform(p.id()).setObservedAt(Instant.ofEpochMilli(t))
                .setReportedUsers(r.users()).setSource(r.source()).build());
          }
        }
      }
    }
    out.sort((x, y) -> x.arrival().compareTo(y.arrival()));
    return out;
  }

  /** Telegram's preview pages show 705.3K and 1.6M: one decimal at the thousand or million scale. */
  static long roundLikeTelegram(long n) {
    if (n >= 1_000_000) {
      return Math.round(n / 100_000.0) * 100_000;
    }
    if (n >= 1_000) {
      return Math.round(n / 100.0) * 100;
    }
    return n;
  }

  private void posts(AudienceModel.Account a, int d, LocalDate day, long dayStartMs) {
    Scenario.Move quitMove = null;
    List<Scenario.Move> mirrored = new ArrayList<>();
    for (Scenario.Move m : scenario.moves()) {
      if (m.owner().equals(a.owner.id()) && m.from().equals(a.platform)) {
        LocalDate date = LocalDate.parse(m.date());
        if (date.equals(day) && m.isAnnounced()) {
          List<String> links = new ArrayList<>();
          for (String target : m.to().keySet()) {
            links.add(linkTo(target, a.owner.accounts().get(target).handle()));
          }
          post(a, dayStartMs + DAY_MS / 3, PostTexts.announcement(a.owner.titleFa(), links, m.quit()), links);
        }
        LocalDate quits = m.quitsOn();
        if (quits != null && !day.isBefore(quits)) {
          quitMove = m;
        }
        if (m.mirrorShare() > 0 && !day.isBefore(date)) {
          mirrored.add(m);
        }
      }
    }
    if (quitMove != null) {
      return;
    }
    if (a.opened.equals(day) && !a.opened.equals(model.start())) {
      post(a, dayStartMs + DAY_MS / 4, PostTexts.welcome(a.owner.titleFa()), List.of());
    }
    int n = poisson(scenario.noise().postsPerDay());
    for (int i = 0; i < n; i++) {
      long t = dayStartMs + (long) (random.nextDouble() * DAY_MS);
      String text = PostTexts.news(random, texts, a.owner.titleFa());
      post(a, t, text, List.of());
      for (Scenario.Move m : mirrored) {
        for (String target : m.to().keySet()) {
          AudienceModel.Account to = model.account(m.owner(), target);
          if (texts.nextDouble() < m.mirrorShare() && to.openOn(d, model.start())) {
            post(to, t + (long) (texts.nextDouble() * 3 * 3_600_000L), text, List.of(), texts);
          }
        }
      }
    }
  }

  private void post(AudienceModel.Account a, long t, String text, List<String> links) {
    post(a, t, text, links, random);
  }

  /** A post; {@code draws} gives its collection delay and views. */
  private void post(AudienceModel.Account a, long t, String text, List<String> links, Random draws) {
    long id = nextPostId.merge(a, 1L, Long::sum) + ("telegram".equals(a.platform) ? 20_000 : 0);
    int d = (int) ((t - model.start().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()) / DAY_MS);
    long audience = Math.round(a.dayStart[Math.min(d, model.days() - 1)]);
    long collected = t + 3_600_000L + (long) (draws.nextDouble() * 5 * 3_600_000L);
    Post p =
        Post.newBuilder()
            .setPlatform(a.platform)
            .setChannel(a.handle())
            .setPostId(id)
            .setPublishedAt(Instant.ofEpochMilli(t))
            .setCollectedAt(Instant.ofEpochMilli(collected))
            .setText(text)
            .setViews(Math.round(audience * (0.05 + 0.25 * draws.nextDouble())))
            .setForwards(null)
            .setForwardedFrom(null)
            .setLinks(links)
            .setSource(SOURCE_EXACT)
            .build();
    emit(collected, p);
    // Collectors page back through recent posts hourly: each is seen again in the hour before and
    // the hour after it is a day old, its views grown by a third to two thirds (what a post's
    // views at 24 h of age are interpolated from).
    long before = t + 23 * 3_600_000L + (long) (recollections.nextDouble() * 3_600_000L);
    long after = before + 3_600_000L;
    long grown = Math.round(p.getViews() * (4 + 2 * recollections.nextDouble()) / 3);
    emit(before, Post.newBuilder(p).setCollectedAt(Instant.ofEpochMilli(before)).setViews(grown).build());
    emit(after, Post.newBuilder(p).setCollectedAt(Instant.ofEpochMilli(after)).setViews(grown + grown / 50).build());
  }

  private SpecificRecord profile(AudienceModel.Account a, LocalDate day, long t) {
    List<String> links = new ArrayList<>();
    for (Scenario.Move m : scenario.moves()) {
      if (m.isAnnounced() && m.owner().equals(a.owner.id()) && m.from().equals(a.platform)
          && !day.isBefore(LocalDate.parse(m.date()))) {
        for (String target : m.to().keySet()) {
          links.add(linkTo(target, a.owner.accounts().get(target).handle()));
        }
      }
    }
    String description = "کانال رسمی " + a.owner.titleFa() + (links.isEmpty() ? "" : "\n" + String.join("\n", links));
    return ChannelProfile.newBuilder()
        .setPlatform(a.platform)
        .setChannel(a.handle())
        .setObservedAt(Instant.ofEpochMilli(t))
        .setTitle(a.owner.title())
        .setDescription(description)
        .setLinks(links)
        .setSource(SOURCE_EXACT)
        .build();
  }

  static String linkTo(String platform, String handle) {
    switch (platform) {
      case "telegram":
        return "https://t.me/" + handle;
      case "soroush":
        return "https://sapp.ir/" + handle;
      case "gap":
        return "https://gap.im/" + handle;
      case "eitaa":
        return "https://eitaa.com/" + handle;
      case "bale":
        return "https://ble.ir/" + handle;
      case "rubika":
        return "https://rubika.ir/" + handle;
      case "igap":
        return "https://igap.net/" + handle;
      case "instagram":
        return "https://instagram.com/" + handle;
      default:
        return "https://twitter.com/" + handle;
    }
  }

  private void emit(long eventMs, SpecificRecord record) {
    Scenario.Noise noise = scenario.noise();
    long arrival = eventMs;
    if (record instanceof SubscriberCount && random.nextDouble() < noise.late()) {
      arrival += DAY_MS + (long) (random.nextDouble() * 2 * DAY_MS);
    }
    out.add(new TimedRecord(Instant.ofEpochMilli(arrival), record));
    if (record instanceof SubscriberCount && random.nextDouble() < noise.duplicate()) {
      out.add(new TimedRecord(Instant.ofEpochMilli(arrival + 600_000L), record));
    }
  }

  private int poisson(double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
