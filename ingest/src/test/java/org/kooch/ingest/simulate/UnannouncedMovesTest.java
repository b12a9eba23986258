package org.kooch.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/** Moves nobody announced (the new accounts mirror the old one's posts) and impostors under an owner's handle. */
class UnannouncedMovesTest {
  static Scenario base;
  static Scenario world;
  static Simulation sim;

  @BeforeAll
  static void simulate() throws Exception {
    base = Scenario.load(Scenario.IRAN_2018);
    List<Scenario.Move> moves = new ArrayList<>();
    for (Scenario.Move m : base.moves()) {
      // The leader quits Telegram without a word; fars opens its accounts without a link.
      moves.add(m.owner().equals("leader") || m.owner().equals("fars") ? m.with(false, 0.5) : m);
    }
    List<Scenario.Impostor> impostors = List.of(
        new Scenario.Impostor("bale", "khamenei_ir", "Fan page", "صفحه‌ی هواداران", 20_000, 100, 0.002, 0.0005),
        new Scenario.Impostor("soroush", "bbcpersian", "Not the BBC", "اخبار فارسی", 50_000, 200, 0.001, 0.0005));
    world = new Scenario(base.name(), base.start(), base.end(), base.seed(), base.platforms(), base.owners(), moves, base.bans(),
        base.noise(), impostors);
    sim = ScenarioSimulator.run(world);
  }

  @Test
  void anUnannouncedMoveLinksNothing() {
    for (Post p : posts("telegram", "khamenei_ir")) {
      assertThat(p.getLinks()).as(p.getText()).isEmpty();
      assertThat(p.getText()).doesNotContain("sapp.ir", "gap.im", "eitaa.com");
    }
    for (Post p : posts("telegram", "farsna")) {
      assertThat(p.getLinks()).isEmpty();
    }
    for (ChannelProfile c : records(ChannelProfile.class)) {
      if (c.getChannel().equals("khamenei_ir") || c.getChannel().equals("farsna")) {
        assertThat(c.getLinks()).as(c.getPlatform() + "/" + c.getChannel()).isEmpty();
      }
    }
    // The announced moves still announce.
    assertThat(posts("telegram", "hassanrouhani")).anyMatch(p -> !p.getLinks().isEmpty());
  }

  @Test
  void theNewAccountsMirrorAShareOfTheOldOnesPostsWithinHours() {
    Map<String, Post> sourceByText = new HashMap<>();
    posts("telegram", "farsna").forEach(p -> sourceByText.put(p.getText(), p));
    LocalDate move = LocalDate.parse("2018-05-01");
    for (String target : List.of("soroush", "eitaa")) {
      List<Post> mirrored = posts(target, "farsna").stream().filter(p -> sourceByText.containsKey(p.getText())).toList();
      long sourcePostsSinceMove = posts("telegram", "farsna").stream()
          .filter(p -> !p.getPublishedAt().isBefore(move.atStartOfDay().toInstant(ZoneOffset.UTC))).count();
      assertThat(mirrored).as(target).isNotEmpty();
      assertThat((double) mirrored.size() / sourcePostsSinceMove).as(target + " mirror share").isBetween(0.35, 0.65);
      for (Post p : mirrored) {
        Instant original = sourceByText.get(p.getText()).getPublishedAt();
        assertThat(p.getPublishedAt()).isAfterOrEqualTo(original).isBefore(original.plusSeconds(3 * 3600));
        assertThat(original).isAfterOrEqualTo(move.atStartOfDay().toInstant(ZoneOffset.UTC));
      }
    }
  }

  @Test
  void aQuittingSourceWithoutAnnouncementPostsSevenMoreDays() {
    Instant lastPost = posts("telegram", "khamenei_ir").stream().map(Post::getPublishedAt).max(Instant::compareTo).orElseThrow();
    assertThat(lastPost).isAfterOrEqualTo(Instant.parse("2018-04-24T00:00:00Z")).isBefore(Instant.parse("2018-04-25T00:00:00Z"));
    Instant announcedQuit = posts("telegram", "hassanrouhani").stream().filter(p -> p.getLinks().isEmpty())
        .map(Post::getPublishedAt).max(Instant::compareTo).orElseThrow();
    assertThat(announcedQuit).isBefore(Instant.parse("2018-04-20T00:00:00Z"));
  }

  @Test
  void postsShareATextOnlyWhereAMoveMirrorsThem() {
    Map<String, String> channelByText = new HashMap<>();
    for (Post p : records(Post.class)) {
      String channel = p.getPlatform() + "/" + p.getChannel();
      String other = channelByText.putIfAbsent(p.getText(), channel);
      if (other != null && !other.equals(channel) && !p.getText().startsWith("👋")) {
        String owner = p.getChannel();
        assertThat(List.of("farsna", "khamenei_ir", "irna_1313", "tasnimnews")).as(other + " and " + channel).contains(owner);
        assertThat(other).endsWith("/" + owner);
      }
    }
  }

  @Test
  void impostorsHaveTheirOwnPostsAndAudienceAndNoFlow() {
    List<Post> posts = posts("bale", "khamenei_ir");
    assertThat(posts).isNotEmpty().allMatch(p -> p.getText().endsWith("صفحه‌ی هواداران"));
    assertThat(records(SubscriberCount.class)).anyMatch(c -> c.getPlatform().equals("soroush") && c.getChannel().equals("bbcpersian")
        && c.getSubscribers() > 40_000);
    assertThat(sim.truth().flows()).noneMatch(f -> f.toPlatform().equals("bale") && f.toChannel().equals("khamenei_ir"));
    assertThat(sim.truth().flows()).noneMatch(f -> f.toChannel().equals("bbcpersian"));
    assertThat(sim.truth().channels()).anyMatch(c -> c.platform().equals("soroush") && c.channel().equals("bbcpersian"));
  }

  @Test
  void theTruthOfAMoveDoesNotDependOnItsAnnouncement() {
    Simulation announced = ScenarioSimulator.run(base);
    assertThat(sim.truth().flows()).isEqualTo(announced.truth().flows());
  }

  @Test
  void anImpostorCannotBeTheOwnersOwnAccount() {
    Scenario.Impostor own = new Scenario.Impostor("soroush", "khamenei_ir", "x", "x", 1, 0, 0, 0);
    Scenario s = new Scenario(base.name(), base.start(), base.end(), base.seed(), base.platforms(), base.owners(), base.moves(),
        base.bans(), base.noise(), List.of(own));
    assertThatThrownBy(s::validate).hasMessageContaining("impostor soroush/khamenei_ir is leader's own account");
  }

  private static List<Post> posts(String platform, String channel) {
    return records(Post.class).stream().filter(p -> p.getPlatform().equals(platform) && p.getChannel().equals(channel)).toList();
  }

  private static <T> List<T> records(Class<T> type) {
    return sim.records().stream().map(TimedRecord::record).filter(type::isInstance).map(type::cast).toList();
  }
}
