package org.kooch.app;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where the libraries' warnings go: {@code kooch.log} in the state directory's {@code logs}
 * (log4j2.xml). Set before the first logger exists, from the same state directory the command
 * will use, and told once to the user of a command that runs long enough to write there.
 */
public final class LogFile {
  /** Commands that start Kafka, Flink or a web server, whose libraries may warn. */
  private static final Set<String> LONG_RUNNING = Set.of("demo", "run", "import", "collect", "serve", "simulate");

  private LogFile() {}

  /** Sets {@code kooch.log.dir} for {@code args}; returns the log file. */
  public static Path configure(String[] args) {
    Path stateDir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        stateDir = Path.of(args[i + 1]);
      } else if (args[i].startsWith("--state-dir=")) {
        stateDir = Path.of(args[i].substring("--state-dir=".length()));
      }
    }
    if (stateDir == null) {
      stateDir = ConnectionOptions.defaultStateDir();
    }
    Path dir = stateDir.toAbsolutePath().resolve("logs");
    System.setProperty("kooch.log.dir", dir.toString());
    return dir.resolve("kooch.log");
  }

  /** Says where the log is, once, for a command whose libraries may write there. */
  static void announce(String[] args, Path file) {
    if (args.length > 0 && LONG_RUNNING.contains(args[0])) {
      announce(file);
    }
  }

  /** Says where the log is. */
  public static void announce(Path file) {
    System.err.println("kooch: library warnings go to " + file);
  }
}
