package org.kooch.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.kooch.clickhouse.ClickHouseSettings;
import picocli.CommandLine.Option;

/**
 * Where Kafka and ClickHouse are, shared by every command. Each option falls back to an
 * environment variable. Passwords come only from the environment: never a flag, never a log.
 */
public class ConnectionOptions {
  @Option(
      names = "--kafka",
      defaultValue = "${env:KOOCH_KAFKA}",
      description = "Kafka bootstrap servers (env KOOCH_KAFKA). Without it, an embedded broker keeps its data in the state directory.")
  String kafka;

  @Option(
      names = "--kafka-properties",
      defaultValue = "${env:KOOCH_KAFKA_PROPERTIES}",
      description = "Properties file with extra Kafka client settings: security, SASL (env KOOCH_KAFKA_PROPERTIES).")
  Path kafkaProperties;

  @Option(
      names = "--kafka-auto-create-topics",
      description = "With --kafka: create missing Kooch topics with replication factor 1, for a single-broker Kafka "
          + "(env KOOCH_KAFKA_AUTO_CREATE_TOPICS=1). Without it a missing topic is an error: create them with kooch kafka topics.")
  boolean kafkaAutoCreateTopics;

  @Option(
      names = "--clickhouse",
      defaultValue = "${env:KOOCH_CLICKHOUSE_URL:-" + ClickHouseSettings.LOCAL_URL + "}",
      description = "ClickHouse HTTP URL (env KOOCH_CLICKHOUSE_URL; default: the local server of bin/kooch-clickhouse, ${DEFAULT-VALUE}).")
  String clickhouse;

  @Option(
      names = "--database",
      defaultValue = "${env:KOOCH_DATABASE:-" + ClickHouseSettings.DATABASE + "}",
      description = "ClickHouse database (env KOOCH_DATABASE, default ${DEFAULT-VALUE}).")
  String database;

  @Option(
      names = "--clickhouse-user",
      defaultValue = "${env:KOOCH_CLICKHOUSE_USER:-" + ClickHouseSettings.WRITER + "}",
      description = "ClickHouse user for writing (env KOOCH_CLICKHOUSE_USER; password from KOOCH_CLICKHOUSE_PASSWORD).")
  String clickhouseUser;

  @Option(
      names = "--state-dir",
      defaultValue = "${env:KOOCH_STATE_DIR}",
      description = "Where the embedded broker, checkpoints and collector state live (env KOOCH_STATE_DIR, default .kooch under KOOCH_HOME or the working directory).")
  Path stateDir;

  public ClickHouseSettings clickHouse() {
    return new ClickHouseSettings(clickhouse, clickhouseUser, env("KOOCH_CLICKHOUSE_PASSWORD"), database);
  }

  /** The dashboard's read-only account (see bin/kooch-clickhouse and docs/operations.md). */
  public ClickHouseSettings clickHouseReadOnly() {
    return clickHouse()
        .withUser(
            System.getenv().getOrDefault("KOOCH_CLICKHOUSE_READONLY_USER", ClickHouseSettings.READER),
            env("KOOCH_CLICKHOUSE_READONLY_PASSWORD"));
  }

  public Path stateDir() {
    return stateDir != null ? stateDir : defaultStateDir();
  }

  /** {@code KOOCH_STATE_DIR}, else {@code .kooch} under {@code KOOCH_HOME} (bin/kooch sets it), else under the working directory. */
  static Path defaultStateDir() {
    String env = System.getenv("KOOCH_STATE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    String home = System.getenv("KOOCH_HOME");
    return (home != null ? Path.of(home) : Path.of("")).toAbsolutePath().resolve(".kooch");
  }

  /** Whether missing topics on the operator's Kafka may be created with replication factor 1. */
  boolean kafkaAutoCreateTopics() {
    String env = System.getenv("KOOCH_KAFKA_AUTO_CREATE_TOPICS");
    return kafkaAutoCreateTopics || (env != null && List.of("1", "true", "yes").contains(env.strip().toLowerCase(Locale.ROOT)));
  }

  /** Whether --kafka (or KOOCH_KAFKA) names the operator's Kafka; without it, an embedded broker. */
  boolean externalKafka() {
    return kafka != null && !kafka.isBlank();
  }

  public Properties kafkaProperties() {
    Properties p = new Properties();
    if (kafkaProperties != null) {
      try (InputStream in = Files.newInputStream(kafkaProperties)) {
        p.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read Kafka properties " + kafkaProperties + ": " + e.getMessage());
      }
    }
    return p;
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }
}
