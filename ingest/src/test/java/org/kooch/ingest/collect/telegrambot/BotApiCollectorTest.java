package org.kooch.ingest.collect.telegrambot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kooch.ingest.collect.LocalSite.Answer.json;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.ingest.collect.ChannelHarvest;
import org.kooch.ingest.collect.CollectException;
import org.kooch.ingest.collect.CollectorHarness;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;
import org.kooch.ingest.collect.RoundSummary;
import org.kooch.ingest.collect.TopicContents;
import org.kooch.ingest.collect.http.Secret;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.SubscriberCount;

/** telegram-bot against a local Bot API answering recorded JSON, errors and flood control. */
class BotApiCollectorTest {
  private static final String TOKEN = "123456789:AAHk3dQx-example_TOKEN_never_logged";
  private static final String METHOD = "/bot" + TOKEN + "/getChatMemberCount";

  private final LocalSite api = LocalSite.start();
  private final Secret token = Secret.of(BotApiCollector.TOKEN_VARIABLE, TOKEN);

  @AfterEach
  void stop() {
    api.close();
  }

  private BotApiCollector collector(Clock clock) {
    return new BotApiCollector(api.url(), token, CollectorHarness.QUICK, clock);
  }

  @Test
  void publishesTheExactCountAndDeadLettersAnAnswerThatIsNoCount(@TempDir Path dir) {
    api.on(METHOD + "?chat_id=%40khamenei_ir", json("telegram-bot/getChatMemberCount-ok.json"));
    api.on(METHOD + "?chat_id=%40tasnimnews", json("telegram-bot/getChatMemberCount-not-a-count.json"));
    CollectorHarness h = new CollectorHarness(dir);
    Clock clock = CollectorHarness.at("2030-07-01T10:00:00Z");

    RoundSummary s = h.runOnce(collector(clock), clock, "Khamenei_IR", "tasnimnews");

    assertThat(s.failures()).isEmpty();
    List<SubscriberCount> counts =
        TopicContents.counts(CollectorHarness.kafka(), "telegram", "khamenei_ir").stream().filter(c -> c.getObservedAt().equals(clock.instant())).toList();
    assertThat(counts).singleElement().satisfies(c -> {
      assertThat(c.getSubscribers()).isEqualTo(1_612_907L);
      assertThat(c.getSource()).isEqualTo("telegram-bot");
    });
    List<DeadLetter> dead =
        TopicContents.deadLetters(CollectorHarness.kafka(), "telegram-bot").stream().filter(d -> d.getLocation().startsWith(api.url().toString())).toList();
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.getReason()).isEqualTo("'result' is not a member count");
      assertThat(d.getLocation()).isEqualTo(api.url() + "/bot***/getChatMemberCount?chat_id=%40tasnimnews");
    });
    assertThat(h.printed()).doesNotContain(TOKEN);
  }

  @Test
  void waitsAsFloodControlAsksThenSucceeds() {
    api.on(METHOD, json(429, "telegram-bot/too-many-requests.json"), json("telegram-bot/getChatMemberCount-ok.json"));
    long start = System.nanoTime();
    ChannelHarvest h = collector(Clock.systemUTC()).collect("khamenei_ir", ChannelState.EMPTY);
    assertThat((System.nanoTime() - start) / 1_000_000).as("retry_after 1 s honoured").isGreaterThanOrEqualTo(950);
    assertThat(h.records()).hasSize(1);
  }

  @Test
  void aRefusalNamesTheReasonAndNeverTheToken(@TempDir Path dir) {
    api.on(METHOD + "?chat_id=%40no_such_channel", json(400, "telegram-bot/getChatMemberCount-chat-not-found.json"));
    assertThatThrownBy(() -> collector(Clock.systemUTC()).collect("no_such_channel", ChannelState.EMPTY))
        .isInstanceOf(CollectException.class)
        .hasMessage("the Bot API refused @no_such_channel: 400 Bad Request: chat not found");

    api.on(METHOD, json(401, "telegram-bot/unauthorized.json"));
    CollectorHarness h = new CollectorHarness(dir);
    RoundSummary s = h.runOnce(collector(Clock.systemUTC()), Clock.systemUTC(), "khamenei_ir");
    assertThat(s.failures().get("khamenei_ir")).isEqualTo("the Bot API refused @khamenei_ir: 401 Unauthorized");
    assertThat(h.printed()).doesNotContain(TOKEN);
  }

  @Test
  void givingUpOnServerErrorsMasksTheTokenInTheUrl() {
    api.on(METHOD, Answer.status(502));
    assertThatThrownBy(() -> collector(Clock.systemUTC()).collect("khamenei_ir", ChannelState.EMPTY))
        .hasMessage("gave up on " + api.url() + "/bot***/getChatMemberCount?chat_id=%40khamenei_ir after 3 attempts: HTTP 502")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("AAHk3dQx"));
    assertThat(token.toString()).isEqualTo("KOOCH_TELEGRAM_BOT_TOKEN=***");
  }

  @Test
  void aMalformedTokenIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> new BotApiCollector(api.url(), Secret.of(BotApiCollector.TOKEN_VARIABLE, "not a token/../x"), CollectorHarness.QUICK, Clock.systemUTC()))
        .hasMessage("KOOCH_TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters from @BotFather)");
  }
}
