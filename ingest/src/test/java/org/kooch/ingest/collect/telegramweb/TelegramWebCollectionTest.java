package org.kooch.ingest.collect.telegramweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.ingest.collect.LocalSite.Answer.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.collect.CollectorHarness;
import org.kooch.ingest.collect.CollectorRunner;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;
import org.kooch.ingest.collect.RoundSummary;
import org.kooch.ingest.collect.ScheduledCollection;
import org.kooch.ingest.collect.StopSignal;
import org.kooch.ingest.collect.TopicContents;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.ingest.collect.http.HttpFetcher;
import org.kooch.ingest.collect.http.Redactor;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.Post;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.PostRef;
import org.kooch.schemas.SubscriberCount;

/**
 * telegram-web end to end against a local t.me serving recorded pages, publishing to the shared
 * embedded broker: paging, resume across runs without duplicates, limits, dead letters, failures.
 * Each run has its own fixed clock; records are told apart from other tests' by that time.
 */
class TelegramWebCollectionTest {
  private final LocalSite site = LocalSite.start();

  @AfterEach
  void stop() {
    site.close();
  }

  private void serveKhamenei() {
    site.on("/s/khamenei_ir", page("telegram-web/khamenei_ir.html"));
    site.on("/s/khamenei_ir?before=30770", page("telegram-web/khamenei_ir-before-30770.html"));
    site.on("/s/khamenei_ir?before=30765", page("telegram-web/khamenei_ir-before-30765.html"));
    site.on("/khamenei_ir", page("telegram-web/khamenei_ir-page.html"));
  }

  private WebPreviewCollector collector(int maxPages, Clock clock) {
    return new WebPreviewCollector(
        PreviewSite.telegram(site.url()), new HttpFetcher(CollectorHarness.QUICK, Redactor.NONE), maxPages, PlatformRegistry.defaults(), clock);
  }

  private static List<Post> postsAt(KafkaSettings kafka, Instant... runs) {
    Set<Instant> at = Set.of(runs);
    return TopicContents.posts(kafka, "telegram", "khamenei_ir").stream().filter(p -> at.contains(p.getCollectedAt())).toList();
  }

  @Test
  void pagesBackThenResumesWithoutPublishingAnyPostTwice(@TempDir Path dir) {
    KafkaSettings kafka = CollectorHarness.kafka();
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    Clock first = CollectorHarness.at("2030-05-01T10:00:00Z");

    RoundSummary s1 = h.runOnce(collector(5, first), first, "khamenei_ir");

    assertThat(s1.failures()).isEmpty();
    assertThat(site.targets())
        .containsExactly("/s/khamenei_ir", "/s/khamenei_ir?before=30770", "/s/khamenei_ir?before=30765", "/khamenei_ir");
    assertThat(h.printed()).contains("telegram-web @khamenei_ir: 14 new posts, 1 subscriber count, profile changed");
    assertThat(h.state("telegram-web").load("khamenei_ir").highestPostId()).isEqualTo(30774L);

    // Later: four new posts on the first page, which also shows three already published.
    site.on("/s/khamenei_ir", page("telegram-web/khamenei_ir-later.html"));
    site.forgetHits();
    Clock second = CollectorHarness.at("2030-05-01T11:00:00Z");
    RoundSummary s2 = h.runOnce(collector(5, second), second, "khamenei_ir");

    assertThat(s2.failures()).isEmpty();
    assertThat(site.targets()).as("known posts reached on the first page: no paging").containsExactly("/s/khamenei_ir", "/khamenei_ir");
    assertThat(h.printed()).contains("telegram-web @khamenei_ir: 4 new posts, 1 subscriber count\n");
    assertThat(h.state("telegram-web").load("khamenei_ir").highestPostId()).isEqualTo(30778L);

    List<Post> posts = postsAt(kafka, first.instant(), second.instant());
    assertThat(posts).extracting(Post::getPostId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(30761, 30778).boxed().toList());
    Post p = posts.stream().filter(x -> x.getPostId() == 30773).findFirst().orElseThrow();
    assertThat(p.getText()).isEqualTo("پیام نوروزی ۱۳۹۷ می\u200Cشود\nسال حمایت از کالای ایرانی");
    assertThat(p.getViews()).isEqualTo(705_300L);
    assertThat(p.getForwardedFrom()).isEqualTo(new PostRef("telegram", "leader_ir", 5521L, null));
    assertThat(p.getPublishedAt()).isEqualTo(Instant.parse("2018-04-18T05:45:30Z"));
    assertThat(p.getCollectedAt()).isEqualTo(first.instant());
    assertThat(p.getSource()).isEqualTo("telegram-web");
    assertThat(posts.stream().filter(x -> x.getPostId() == 30775).findFirst().orElseThrow().getLinks()).containsExactly("https://ble.ir/khamenei_ir");

    List<ChannelProfile> profiles =
        TopicContents.profiles(kafka, "telegram", "khamenei_ir").stream()
            .filter(c -> c.getObservedAt().equals(first.instant()) || c.getObservedAt().equals(second.instant()))
            .toList();
    assertThat(profiles).as("unchanged profile published once").hasSize(1);
    assertThat(profiles.get(0).getLinks()).containsExactly("https://sapp.ir/khamenei_ir", "https://www.instagram.com/khamenei_ir");

    List<SubscriberCount> counts =
        TopicContents.counts(kafka, "telegram", "khamenei_ir").stream()
            .filter(c -> c.getObservedAt().equals(first.instant()) || c.getObservedAt().equals(second.instant()))
            .toList();
    assertThat(counts).extracting(SubscriberCount::getSubscribers).containsExactly(1_612_907L, 1_612_907L);
    assertThat(counts).extracting(SubscriberCount::getSource).containsOnly("telegram-web:exact");
  }

  @Test
  void resumesFromItsStateInKafkaWithoutTheReadableCopy(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = CollectorHarness.kafka();
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    Clock first = CollectorHarness.at("2030-05-07T10:00:00Z");
    Clock second = CollectorHarness.at("2030-05-07T11:00:00Z");
    h.runOnce(collector(5, first), first, "khamenei_ir");
    Path copy = h.state("telegram-web").file("khamenei_ir");
    Files.delete(copy);

    h.runOnce(collector(5, second), second, "khamenei_ir");

    assertThat(h.printed()).contains("telegram-web @khamenei_ir: 0 new posts, 1 subscriber count\n");
    assertThat(postsAt(kafka, first.instant(), second.instant())).extracting(Post::getPostId).hasSize(14).doesNotHaveDuplicates();
    assertThat(Files.readString(copy)).as("the readable copy written again").contains("\"highestPostId\" : 30774");
    // Another state directory is another collector, with a state of its own.
    CollectorHarness other = new CollectorHarness(dir.resolve("other"));
    other.runOnce(collector(5, second), second, "khamenei_ir");
    assertThat(other.printed()).contains("telegram-web @khamenei_ir: 14 new posts");
  }

  @Test
  void aStateFileFromBeforeTheStateTopicIsHonoured(@TempDir Path dir) throws Exception {
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    Clock clock = CollectorHarness.at("2030-05-08T10:00:00Z");
    h.state("telegram-web").save("khamenei_ir", new ChannelState(30774L, null, null, null));

    h.runOnce(collector(5, clock), clock, "khamenei_ir");

    assertThat(h.printed()).contains("telegram-web @khamenei_ir: 0 new posts, 1 subscriber count, profile changed");
    assertThat(postsAt(CollectorHarness.kafka(), clock.instant())).isEmpty();
  }

  @Test
  void maxPagesBoundsTheFirstRunAndSaysSo(@TempDir Path dir) {
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    Clock clock = CollectorHarness.at("2030-05-02T10:00:00Z");

    h.runOnce(collector(1, clock), clock, "khamenei_ir");

    assertThat(site.targets()).containsExactly("/s/khamenei_ir", "/khamenei_ir");
    assertThat(h.printed()).contains("5 new posts").contains("first run: read the newest 1 page; older posts were not collected");
    assertThat(postsAt(CollectorHarness.kafka(), clock.instant())).hasSize(5);
  }

  @Test
  void fallsBackToTheRoundedCountWhenTheChannelPageFails(@TempDir Path dir) {
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    site.on("/khamenei_ir", Answer.status(500));
    Clock clock = CollectorHarness.at("2030-05-03T10:00:00Z");

    RoundSummary s = h.runOnce(collector(1, clock), clock, "khamenei_ir");

    assertThat(s.failures()).isEmpty();
    assertThat(h.printed()).contains("gave up on " + site.url() + "/khamenei_ir after 3 attempts: HTTP 500; using the header's count");
    List<SubscriberCount> counts =
        TopicContents.counts(CollectorHarness.kafka(), "telegram", "khamenei_ir").stream().filter(c -> c.getObservedAt().equals(clock.instant())).toList();
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.getSubscribers()).isEqualTo(1_600_000L);
      assertThat(c.getSource()).isEqualTo("telegram-web:rounded");
    });
  }

  @Test
  void aBadPostGoesToTheDeadLetterTopicOnceWithItsReason(@TempDir Path dir) {
    KafkaSettings kafka = CollectorHarness.kafka();
    CollectorHarness h = new CollectorHarness(dir);
    site.on("/s/khamenei_ir", page("telegram-web/khamenei_ir-broken-post.html"));
    site.on("/khamenei_ir", page("telegram-web/khamenei_ir-page.html"));
    Clock first = CollectorHarness.at("2030-05-04T10:00:00Z");
    Clock second = CollectorHarness.at("2030-05-04T11:00:00Z");

    h.runOnce(collector(3, first), first, "khamenei_ir");
    h.runOnce(collector(3, second), second, "khamenei_ir");

    assertThat(postsAt(kafka, first.instant(), second.instant())).extracting(Post::getPostId).containsExactly(30779L, 30781L);
    String location = site.url() + "/s/khamenei_ir#30780";
    List<DeadLetter> dead = TopicContents.deadLetters(kafka, "telegram-web").stream().filter(d -> location.equals(d.getLocation())).toList();
    assertThat(dead).as("dead-lettered once, not again on the second run").hasSize(1);
    assertThat(dead.get(0).getReason()).isEqualTo("post 30780: views '1.2X' is not a counter");
    assertThat(new String(dead.get(0).getRaw().array(), java.nio.charset.StandardCharsets.UTF_8)).contains("data-post=\"khamenei_ir/30780\"");
    assertThat(h.printed()).contains("2 new posts, 1 subscriber count, profile changed, 1 dead-lettered (post 30780: views '1.2X' is not a counter)");
  }

  @Test
  void aFailingChannelIsReportedAndTheOthersAreCollected(@TempDir Path dir) {
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    site.on("/s/tasnimnews", page("telegram-web/tasnimnews-drift.html"));
    site.on("/s/hidden_news", Answer.redirect("/hidden_news"));
    site.on("/hidden_news", page("telegram-web/hidden_news-page.html"));
    site.on("/s/farsna", page("telegram-web/interstitial.html"));
    Clock clock = CollectorHarness.at("2030-05-05T10:00:00Z");

    RoundSummary s = h.runOnce(collector(1, clock), clock, "tasnimnews", "hidden_news", "khamenei_ir", "farsna", "not a handle!");

    assertThat(s.succeeded()).isEqualTo(1);
    assertThat(s.failures()).containsOnlyKeys("tasnimnews", "hidden_news", "farsna", "not a handle!");
    assertThat(s.failures().get("tasnimnews"))
        .isEqualTo("markup changed? 2 posts (data-post) but none in .tgme_widget_message markup at " + site.url() + "/s/tasnimnews");
    assertThat(s.failures().get("hidden_news")).contains("has no public web preview: " + site.url() + "/s/hidden_news");
    assertThat(s.failures().get("farsna")).isEqualTo("markup changed? no channel header (.tgme_channel_info) at " + site.url() + "/s/farsna");
    assertThat(s.failures().get("not a handle!")).isEqualTo("invalid channel handle 'not a handle!'");
    assertThat(h.printed()).contains("telegram-web @tasnimnews: FAILED: markup changed?").contains("telegram-web @khamenei_ir: 5 new posts");
    assertThat(Files.exists(h.state("telegram-web").file("khamenei_ir"))).isTrue();
    assertThat(Files.exists(h.state("telegram-web").file("tasnimnews"))).as("no state for a failed channel").isFalse();
  }

  @Test
  void aScheduleRepeatsRoundsUntilStoppedAndPublishesNothingTwice(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = CollectorHarness.kafka();
    CollectorHarness h = new CollectorHarness(dir);
    serveKhamenei();
    Clock clock = CollectorHarness.at("2030-05-06T10:00:00Z");
    StopSignal stop = new StopSignal();
    AtomicInteger started = new AtomicInteger();
    int rounds;
    WebPreviewCollector collector = collector(5, clock);
    try (RecordPublisher publisher = h.publisher(collector, clock)) {
      CollectorRunner runner = h.runner(collector, publisher, clock);
      // Stops itself after the second round, as Ctrl-C would: independent of how fast this machine is.
      ScheduledCollection schedule =
          new ScheduledCollection(
              stopped -> {
                RoundSummary s = runner.runOnce(List.of("khamenei_ir"), stopped);
                if (started.incrementAndGet() == 2) {
                  stop.stop();
                }
                return s;
              },
              Duration.ofMillis(400),
              h.out());
      rounds = schedule.run(stop);
    }
    assertThat(rounds).isEqualTo(2);
    assertThat(h.printed()).contains("round 1: 1 of 1 channels collected").contains("round 2: 1 of 1 channels collected").contains("0 new posts");
    List<LocalSite.Hit> firstPages = site.hits().stream().filter(x -> x.target().equals("/s/khamenei_ir")).toList();
    assertThat(firstPages).hasSize(2);
    // Rounds start 400 ms apart; a round's first request comes some ms after its start (round 1
    // also warms up its HTTP client), so the gap seen by the server is a little shorter. Without
    // the schedule's wait it would be a few ms.
    assertThat((firstPages.get(1).nanos() - firstPages.get(0).nanos()) / 1_000_000).as("rounds start --every apart").isGreaterThanOrEqualTo(300);
    assertThat(site.targets().stream().filter(t -> t.equals("/s/khamenei_ir?before=30770")).count()).as("paged back only in round 1").isEqualTo(1);
    assertThat(postsAt(kafka, clock.instant())).extracting(Post::getPostId).hasSize(14).doesNotHaveDuplicates();
  }
}
