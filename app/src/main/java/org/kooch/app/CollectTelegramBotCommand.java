package org.kooch.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.kooch.ingest.collect.http.Secret;
import org.kooch.ingest.collect.telegrambot.BotApiCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kooch collect telegram-bot}: exact counts through the Bot API. */
@Command(
    name = "telegram-bot",
    mixinStandardHelpOptions = true,
    description = {
      "Exact subscriber counts through the Telegram Bot API (getChatMemberCount).",
      "The bot token comes only from the environment: KOOCH_TELEGRAM_BOT_TOKEN."
    })
final class CollectTelegramBotCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin CollectOptions collect;

  @Override
  public Integer call() throws Exception {
    Secret token = Secret.fromEnvironment(BotApiCollector.TOKEN_VARIABLE, "a bot token from @BotFather");
    BotApiCollector collector = new BotApiCollector(collect.baseUrl(BotApiCollector.URL), token, collect.policy(), Clock.systemUTC());
    return CollectRun.run(connection, collect, collector);
  }
}
