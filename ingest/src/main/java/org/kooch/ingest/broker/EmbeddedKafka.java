package org.kooch.ingest.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller) inside this JVM, for
 * the demo and tests when no {@code --kafka} is given. The data directory is formatted once and
 * survives restarts. Whoever starts it must {@link #close()} it (in {@code finally}), or the JVM
 * does not exit.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker on {@code port} (0: a free port) with its data in {@code dataDir}.
   * The controller port is picked anew each time: the quorum is static, so that is safe.
   */
  public static EmbeddedKafka start(Path dataDir, int port) throws Exception {
    Path dir = dataDir.toAbsolutePath();
    Files.createDirectories(dir);
    int[] free = FreePorts.on(HOST, 2);
    int brokerPort = port == 0 ? free[0] : port;
    int controllerPort = free[0] != brokerPort ? free[0] : free[1];
    Map<String, Object> p = new HashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dir.toString());
    p.put("metadata.log.dir", dir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // The cleaner's default 128 MiB dedupe buffer is wasted on a demo broker.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    KafkaConfig config = new KafkaConfig(p, false);

    if (!Files.exists(dir.resolve("meta.properties"))) {
      ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
      new Formatter()
          .setPrintStream(new PrintStream(formatterOutput, true))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dir.toString()))
          .setMetadataLogDirectory(dir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.IBP_4_1_IV1)
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    EmbeddedKafka kafka = new EmbeddedKafka(server, HOST + ":" + brokerPort);
    try {
      server.startup();
      kafka.awaitReady(TimeUnit.SECONDS.toMillis(60));
    } catch (Throwable t) {
      try {
        kafka.close();
      } catch (Throwable s) {
        t.addSuppressed(s);
      }
      throw t;
    }
    return kafka;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  private void awaitReady(long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("embedded Kafka did not become ready", e);
          }
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("embedded Kafka did not become ready");
        }
        Thread.sleep(100);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
  }
}
