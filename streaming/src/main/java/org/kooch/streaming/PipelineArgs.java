package org.kooch.streaming;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.kooch.clickhouse.ClickHouseSettings;

/**
 * The job jar's command line: {@code --kafka HOST:PORT --clickhouse URL --database NAME
 * [--clickhouse-user USER] [--kafka-properties FILE] [--bounded] [--parallelism N]
 * [--checkpoint-interval 10s] [--state-backend rocksdb|hashmap]}. The ClickHouse password is read from the environment
 * ({@code KOOCH_CLICKHOUSE_PASSWORD}) of the process that runs {@code main}, never from an argument.
 *
 * @param parallelism the job's default parallelism, or 0 to keep what the cluster or the
 *     submission (REST {@code parallelism}, {@code flink run -p}) asks for
 * @param stateBackend where keyed state lives: {@link StateBackendChoice#defaultFor} unless given
 *     (the job's setting wins over the cluster's {@code state.backend.type})
 */
public record PipelineArgs(
    String kafka,
    Properties kafkaProperties,
    ClickHouseSettings clickhouse,
    boolean bounded,
    int parallelism,
    Duration checkpointInterval,
    StateBackendChoice stateBackend) {

  public static final String USAGE =
      "usage: PipelineMain --kafka HOST:PORT [--kafka-properties FILE] [--clickhouse URL] [--database NAME]"
          + " [--clickhouse-user USER] [--bounded] [--parallelism N] [--checkpoint-interval 10s|1m|500ms]"
          + " [--state-backend rocksdb|hashmap]"
          + " (ClickHouse password from KOOCH_CLICKHOUSE_PASSWORD)";

  /** Parses {@code args}; {@code env} supplies the password (and defaults for user and URL). */
  public static PipelineArgs parse(String[] args, Map<String, String> env) {
    String kafka = env.get("KOOCH_KAFKA");
    String url = env.getOrDefault("KOOCH_CLICKHOUSE_URL", ClickHouseSettings.LOCAL_URL);
    String database = env.getOrDefault("KOOCH_DATABASE", ClickHouseSettings.DATABASE);
    String user = env.getOrDefault("KOOCH_CLICKHOUSE_USER", ClickHouseSettings.WRITER);
    Path kafkaPropertiesFile = null;
    boolean bounded = false;
    int parallelism = 0;
    Duration interval = null;
    StateBackendChoice backend = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--bounded")) {
        bounded = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value; " + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--kafka" -> kafka = value;
        case "--kafka-properties" -> kafkaPropertiesFile = Path.of(value);
        case "--clickhouse" -> url = value;
        case "--database" -> database = value;
        case "--clickhouse-user" -> user = value;
        case "--parallelism" -> parallelism = Integer.parseInt(value);
        case "--checkpoint-interval" -> interval = duration(value);
        case "--state-backend" -> backend = StateBackendChoice.parse(value);
        default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
      }
    }
    if (kafka == null || kafka.isBlank()) {
      throw new IllegalArgumentException("--kafka is required; " + USAGE);
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException("--parallelism must be positive");
    }
    ClickHouseSettings clickhouse = new ClickHouseSettings(url, user, env.getOrDefault("KOOCH_CLICKHOUSE_PASSWORD", ""), database);
    return new PipelineArgs(kafka, properties(kafkaPropertiesFile), clickhouse, bounded, parallelism,
        interval == null ? JobSettings.defaultCheckpointInterval(bounded, -1) : interval,
        backend == null ? StateBackendChoice.defaultFor(bounded, -1) : backend);
  }

  /** The job's settings: {@link JobSettings#defaults} for these arguments. */
  public JobSettings jobSettings() {
    return JobSettings.defaults(kafka, kafkaProperties, clickhouse, bounded);
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 10s, 5m, 1h)");
    }
  }

  private static Properties properties(Path file) {
    Properties p = new Properties();
    if (file != null) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --kafka-properties " + file + ": " + e.getMessage(), e);
      }
    }
    return p;
  }
}
