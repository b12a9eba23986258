package org.kooch.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kooch}: measures how messaging-channel audiences migrate between platforms. */
@Command(
    name = "kooch",
    mixinStandardHelpOptions = true,
    version = "kooch 0.1.0",
    description = "Measures how channel audiences move between messaging platforms (Kafka -> Flink -> ClickHouse).",
    footer = {"", "Benchmarks that print figures: kooch bench --help (the bench module's command line)."},
    subcommands = {
      DemoCommand.class,
      ImportCommand.class,
      CollectCommand.class,
      SimulateCommand.class,
      RunCommand.class,
      ServeCommand.class,
      PlatformsCommand.class,
      FlowsCommand.class,
      ChannelsCommand.class,
      AlertsCommand.class,
      AttentionCommand.class,
      SqlCommand.class,
      DeadLettersCommand.class,
      ReportCommand.class,
      DbCommand.class,
      KafkaCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KoochCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    return configured(new CommandLine(new KoochCommand()), "kooch");
  }

  /**
   * {@code cl} as every Kooch command line runs: errors print as "{@code prefix}: message" and exit
   * 1 (the stack trace too with {@code KOOCH_DEBUG} set), and Persian text prints as UTF-8 whatever
   * the locale says (a C locale would turn it into '?').
   */
  public static CommandLine configured(CommandLine cl, String prefix) {
    cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println(cmd.getColorScheme().errorText(prefix + ": " + e.getMessage()));
          if (System.getenv("KOOCH_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    return cl;
  }

  public static void main(String[] args) {
    java.nio.file.Path log = LogFile.configure(args);
    LogFile.announce(args, log);
    System.exit(commandLine().execute(args));
  }
}
