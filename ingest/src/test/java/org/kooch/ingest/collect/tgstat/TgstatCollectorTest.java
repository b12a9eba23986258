package org.kooch.ingest.collect.tgstat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.ingest.collect.LocalSite.Answer.json;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.collect.CollectorHarness;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.RoundSummary;
import org.kooch.ingest.collect.TopicContents;
import org.kooch.ingest.collect.http.Secret;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.SubscriberCount;

/**
 * tgstat against a local TGStat API: current count, daily history resumed across runs, errors.
 * Each test uses its own channels: they share the broker with the other tests.
 */
class TgstatCollectorTest {
  private static final String TOKEN = "f00dfacecafe4711beef0123456789ab";

  private final LocalSite api = LocalSite.start();
  private final Secret token = Secret.of(TgstatCollector.TOKEN_VARIABLE, TOKEN);

  @AfterEach
  void stop() {
    api.close();
  }

  private TgstatCollector collector(Clock clock) {
    return new TgstatCollector(api.url(), token, CollectorHarness.QUICK, LocalDate.parse("2018-04-16"), clock);
  }

  @Test
  void publishesTheCurrentCountAndEachFinishedDayOnce(@TempDir Path dir) {
    api.on("/channels/stat", json("tgstat/channels-stat.json"));
    api.on("/channels/subscribers", json("tgstat/channels-subscribers.json"));
    CollectorHarness h = new CollectorHarness(dir);
    Clock first = CollectorHarness.at("2018-04-21T12:00:00Z");

    RoundSummary s1 = h.runOnce(collector(first), first, "khamenei_ir");

    assertThat(s1.failures()).isEmpty();
    String history = api.targets().get(1);
    assertThat(history).startsWith("/channels/subscribers?token=" + TOKEN + "&channelId=%40khamenei_ir&startDate=1523836800&endDate=1524312000&group=day");
    assertThat(h.state("tgstat").load("khamenei_ir").lastObservedAt()).isEqualTo(Instant.parse("2018-04-20T23:59:59Z"));

    api.on("/channels/subscribers", json("tgstat/channels-subscribers-later.json"));
    api.forgetHits();
    Clock second = CollectorHarness.at("2018-04-23T08:00:00Z");
    h.runOnce(collector(second), second, "khamenei_ir");
    assertThat(api.targets().get(1)).as("resumes after the last day published").contains("&startDate=1524268800&");

    List<SubscriberCount> counts =
        TopicContents.counts(CollectorHarness.kafka(), "telegram", "khamenei_ir").stream()
            .filter(c -> c.getSource().startsWith("tgstat"))
            .filter(c -> c.getObservedAt().isBefore(Instant.parse("2018-04-24T00:00:00Z")))
            .toList();
    assertThat(counts.stream().filter(c -> c.getSource().equals("tgstat:history")))
        .extracting(c -> c.getObservedAt().toString() + "=" + c.getSubscribers())
        .containsExactlyInAnyOrder(
            "2018-04-17T23:59:59Z=1612907",
            "2018-04-18T23:59:59Z=1610002",
            "2018-04-19T23:59:59Z=1598410",
            "2018-04-20T23:59:59Z=1571233",
            "2018-04-21T23:59:59Z=1549002",
            "2018-04-22T23:59:59Z=1533870");
    assertThat(counts.stream().filter(c -> c.getSource().equals("tgstat:stat")))
        .extracting(SubscriberCount::getObservedAt)
        .containsExactlyInAnyOrder(first.instant(), second.instant());

    List<DeadLetter> dead =
        TopicContents.deadLetters(CollectorHarness.kafka(), "tgstat").stream().filter(d -> d.getLocation().startsWith(api.url().toString())).toList();
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.getReason()).isEqualTo("day 2018-04-16 has no participants_count");
      assertThat(d.getLocation()).contains("token=***").doesNotContain(TOKEN);
    });
  }

  @Test
  void floodControlIsRetriedAfterTheWaitItNames(@TempDir Path dir) {
    // TGStat says flood_control_10 or _60 (seconds); the recording says 1 to keep the test short.
    api.on("/channels/stat", json("tgstat/flood-control.json"), json("tgstat/channels-stat.json"));
    api.on("/channels/subscribers", json("tgstat/channels-subscribers.json"));
    CollectorHarness h = new CollectorHarness(dir);
    Clock clock = CollectorHarness.at("2018-04-17T12:00:00Z");
    long start = System.nanoTime();

    RoundSummary s = h.runOnce(collector(clock), clock, "tasnimnews");

    assertThat(s.failures()).isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(950);
    assertThat(api.hits()).hasSize(3);
  }

  @Test
  void refusalsFailTheChannelWithoutShowingTheToken(@TempDir Path dir) {
    api.on("/channels/stat?token=" + TOKEN + "&channelId=%40gone_channel", json("tgstat/channel-not-found.json"));
    api.on("/channels/stat", json("tgstat/token-invalid.json"));
    CollectorHarness h = new CollectorHarness(dir);
    Clock clock = CollectorHarness.at("2018-04-17T12:00:00Z");

    RoundSummary s = h.runOnce(collector(clock), clock, "gone_channel", "farsna");

    assertThat(s.failures().get("gone_channel"))
        .isEqualTo("TGStat refused " + api.url() + "/channels/stat?token=***&channelId=%40gone_channel: channel_not_found");
    assertThat(s.failures().get("farsna")).endsWith(": token_invalid");
    assertThat(Set.copyOf(s.failures().values())).allSatisfy(m -> assertThat(m).doesNotContain(TOKEN));
    assertThat(h.printed()).doesNotContain(TOKEN);
  }
}
