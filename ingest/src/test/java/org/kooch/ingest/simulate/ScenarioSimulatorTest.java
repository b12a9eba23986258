package org.kooch.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.schemas.ChannelLink;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

class ScenarioSimulatorTest {
  static Scenario scenario;
  static Simulation sim;

  @BeforeAll
  static void simulate() throws Exception {
    scenario = Scenario.load(Scenario.IRAN_2018);
    sim = ScenarioSimulator.run(scenario);
  }

  @Test
  void isDeterministicForASeed() {
    Simulation again = ScenarioSimulator.run(scenario);
    assertThat(again.records()).isEqualTo(sim.records());
    assertThat(again.truth().flows()).isEqualTo(sim.truth().flows());
  }

  @Test
  void leaderMovesFromTelegramOnTheEighteenthOfApril() {
    LocalDate move = LocalDate.parse("2018-04-18");
    double before =
        sim.truth().flows().stream().filter(f -> f.day().isBefore(move)).mapToDouble(Truth.Flow::flow).sum();
    double leaderToSoroush =
        sim.truth().flows().stream()
            .filter(f -> f.fromChannel().equals("khamenei_ir") && f.toPlatform().equals("soroush"))
            .mapToDouble(Truth.Flow::flow)
            .sum();
    assertThat(before).isZero();
    // follow 0.45 x 1.1M+ x share 0.6 x (1 - dual 0.35) ~ 200k, plus ban followers
    assertThat(leaderToSoroush).isBetween(150_000.0, 300_000.0);
    Map<String, Long> day = sim.truth().platformTotals().get(LocalDate.parse("2018-06-10"));
    assertThat(day.get("soroush")).isGreaterThan(day.get("gap"));
    assertThat(day.get("telegram")).isLessThan(
        sim.truth().platformTotals().get(LocalDate.parse("2018-04-17")).get("telegram"));
  }

  @Test
  void everyPostIsCollectedAgainEitherSideOfADayAfterItWasPublishedWithMoreViews() {
    java.util.Map<String, List<Post>> byPost = new java.util.HashMap<>();
    sim.records().stream().map(TimedRecord::record).filter(Post.class::isInstance).map(Post.class::cast)
        .forEach(p -> byPost.computeIfAbsent(p.getPlatform() + "/" + p.getChannel() + "/" + p.getPostId(), k -> new java.util.ArrayList<>()).add(p));
    assertThat(byPost).isNotEmpty();
    for (List<Post> collections : byPost.values()) {
      List<Post> byTime = collections.stream().sorted(java.util.Comparator.comparing(Post::getCollectedAt)).toList();
      assertThat(byTime).hasSize(3);
      java.time.Duration day = java.time.Duration.ofDays(1);
      assertThat(java.time.Duration.between(byTime.get(1).getPublishedAt(), byTime.get(1).getCollectedAt())).isBetween(day.minusHours(1), day);
      assertThat(java.time.Duration.between(byTime.get(2).getPublishedAt(), byTime.get(2).getCollectedAt())).isBetween(day, day.plusHours(1));
      assertThat(byTime.get(1).getViews()).isGreaterThanOrEqualTo(byTime.get(0).getViews());
      assertThat(byTime.get(2).getViews()).isGreaterThanOrEqualTo(byTime.get(1).getViews());
      assertThat(byTime).extracting(Post::getText).containsOnly(byTime.get(0).getText());
    }
  }

  @Test
  void producesValidRecordsWithAnnouncementLinksAndReports() {
    JsonLinesCodec codec = new JsonLinesCodec();
    for (TimedRecord r : sim.records()) {
      assertThat(codec.decode(codec.encode(r.record()))).isEqualTo(r.record());
    }
    List<Post> announcements =
        sim.records().stream()
            .map(TimedRecord::record)
            .filter(r -> r instanceof Post p && p.getChannel().equals("khamenei_ir") && !p.getLinks().isEmpty())
            .map(r -> (Post) r)
            .toList();
    assertThat(announcements).extracting(Post::getPostId).containsOnly(announcements.get(0).getPostId()); // one post, collected 3 times
    assertThat(announcements).hasSize(3);
    List<ChannelLink> links = PlatformRegistry.defaults().linksIn(announcements.get(0).getText());
    assertThat(links).extracting(ChannelLink::platform).containsExactlyInAnyOrder("soroush", "gap", "eitaa");
    assertThat(sim.records().stream().map(TimedRecord::record).filter(r -> r instanceof PlatformStat))
        .extracting(r -> ((PlatformStat) r).getReportedUsers())
        .contains(40_000_000L, 5_000_000L, 1_300_000L);
  }

  @Test
  void observationsAreNoisyButArriveInOrderOfArrival() {
    List<SpecificRecord> counts =
        sim.records().stream().map(TimedRecord::record).filter(r -> r instanceof SubscriberCount).toList();
    long rounded = counts.stream().filter(r -> ((SubscriberCount) r).getSource().endsWith("rounded")).count();
    assertThat(rounded).isBetween(counts.size() / 4L, counts.size() / 2L);
    for (int i = 1; i < sim.records().size(); i++) {
      assertThat(sim.records().get(i).arrival()).isAfterOrEqualTo(sim.records().get(i - 1).arrival());
    }
    assertThat(ObservationGenerator.roundLikeTelegram(1_634_907)).isEqualTo(1_600_000);
    assertThat(ObservationGenerator.roundLikeTelegram(705_321)).isEqualTo(705_300);
    assertThat(ObservationGenerator.roundLikeTelegram(950)).isEqualTo(950);
  }

  @Test
  void writesTruthFiles(@TempDir Path dir) throws Exception {
    sim.truth().write(dir);
    assertThat(Files.readAllLines(dir.resolve("flows.csv")).get(0))
        .isEqualTo("day,from_platform,from_channel,to_platform,to_channel,flow");
    assertThat(Files.readAllLines(dir.resolve("channels.csv"))).hasSizeGreaterThan(500);
    assertThat(Files.readString(dir.resolve("platforms.csv"))).contains("2018-04-30,soroush,");
  }
}
