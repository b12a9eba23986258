package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kooch.app.EndToEndTest.concat;
import static org.kooch.app.EndToEndTest.kooch;
import static org.kooch.ingest.collect.LocalSite.Answer.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.app.EndToEndTest.Result;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.collect.LocalSite;
import org.kooch.ingest.collect.LocalSite.Answer;
import org.kooch.ingest.collect.TopicContents;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.schemas.Post;

/**
 * {@code kooch collect} through the real command line, against a local t.me serving recorded
 * pages and the shared embedded broker: a one-shot run with a failing channel, then a resumed run.
 * The recorded khamenei_ir pages are served renamed to cli_web: EndToEndTest lands the shared
 * broker's records in ClickHouse and looks at telegram/khamenei_ir.
 */
class CollectCommandTest {
  @Test
  void collectsTelegramWebAndResumesOnTheNextRun(@TempDir Path dir) throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    Instant started = Instant.now();
    try (LocalSite site = LocalSite.start()) {
      site.on("/s/cli_web", recorded("khamenei_ir.html"));
      site.on("/s/cli_web?before=30770", recorded("khamenei_ir-before-30770.html"));
      site.on("/s/cli_web?before=30765", recorded("khamenei_ir-before-30765.html"));
      site.on("/cli_web", recorded("khamenei_ir-page.html"));
      site.on("/s/hidden_news", Answer.redirect("/hidden_news"));
      site.on("/hidden_news", page("telegram-web/hidden_news-page.html"));
      String[] options = {
        "--base-url", site.url().toString(), "--kafka", kafka.bootstrapServers(), "--kafka-auto-create-topics", "--state-dir", dir.toString(),
        "--request-interval", "0ms", "--max-pages", "5"
      };

      Result first = kooch(concat(new String[] {"collect", "telegram-web", "--channels", "@CLI_Web,hidden_news"}, options));

      assertThat(first.exit()).as(first.err()).isEqualTo(1);
      assertThat(first.out())
          .contains("telegram-web @cli_web: 14 new posts, 1 subscriber count, profile changed")
          .contains("telegram-web @hidden_news: FAILED: @hidden_news (\"اخبار فوری\", 45 210 subscribers) has no public web preview")
          .contains("1 of 2 channels collected, 16 records published, 0 dead-lettered, failed: hidden_news");
      assertThat(Files.readString(dir.resolve("collectors/telegram-web/cli_web.json"))).contains("\"highestPostId\" : 30774");

      Result second = kooch(concat(new String[] {"collect", "telegram-web", "--channels", "cli_web"}, options));

      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("telegram-web @cli_web: 0 new posts, 1 subscriber count\n");
    }
    List<Post> posts =
        TopicContents.posts(kafka, "telegram", "cli_web").stream()
            .filter(p -> p.getSource().equals("telegram-web") && !p.getCollectedAt().isBefore(started.minusSeconds(1)))
            .toList();
    assertThat(posts).hasSize(14).extracting(Post::getPostId).doesNotHaveDuplicates();
  }

  private static Answer recorded(String page) {
    return page("telegram-web/" + page).replacing("khamenei_ir", "cli_web");
  }

  @Test
  void tokensComeOnlyFromTheEnvironment(@TempDir Path dir) {
    Assumptions.assumeTrue(System.getenv("KOOCH_TELEGRAM_BOT_TOKEN") == null, "a bot token is set in this environment");
    Result r = kooch("collect", "telegram-bot", "--channels", "khamenei_ir", "--kafka", "127.0.0.1:1", "--state-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("set KOOCH_TELEGRAM_BOT_TOKEN to a bot token from @BotFather (tokens are read only from the environment)");
    assertThat(usage("collect", "telegram-bot")).contains("KOOCH_TELEGRAM_BOT_TOKEN").doesNotContain("--token");
  }

  @Test
  void collectNamesItsSources() {
    Result r = kooch("collect");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("name a source: telegram-web, eitaa-web, telegram-bot or tgstat");
    assertThat(usage("collect")).contains("telegram-web", "eitaa-web", "telegram-bot", "tgstat");
    assertThat(usage("collect", "telegram-web")).contains("--channels", "--base-url", "--every", "--max-pages", "--request-interval");
  }

  private static String usage(String... path) {
    picocli.CommandLine cl = KoochCommand.commandLine();
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
    }
    return cl.getUsageMessage();
  }
}
