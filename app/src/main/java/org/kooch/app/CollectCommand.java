package org.kooch.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kooch collect <source>}: the network collectors, one subcommand per source. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Collect channel records from a network source into Kafka, resuming where the last run stopped",
      "(state in <state-dir>/collectors/<source>/). Bad records go to kooch.deadletter.v1 with the reason."
    },
    subcommands = {
      CollectTelegramWebCommand.class,
      CollectEitaaWebCommand.class,
      CollectTelegramBotCommand.class,
      CollectTgstatCommand.class
    })
final class CollectCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a source: telegram-web, eitaa-web, telegram-bot or tgstat");
  }
}
