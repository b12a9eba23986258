package org.kooch.ingest.broker;

import java.nio.file.Path;

/**
 * {@code BrokerMain DATA_DIR PORT}: an {@link EmbeddedKafka} as a process of its own, so that a
 * fault test can kill the broker for real (SIGKILL) and start it again on the same port and data.
 * Prints {@code ready HOST:PORT} once it serves; stops on SIGTERM, and when its standard input
 * closes (its parent died), so it never outlives the test that started it.
 *
 * <p>Durability: the broker does not fsync each write (Kafka's default). A SIGKILL of the process
 * loses nothing it acknowledged: the records are in the operating system's page cache, which
 * outlives the process, and the restarted broker recovers its log from the files. Only a crash of
 * the machine could lose acknowledged records, which in production replication guards against.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain DATA_DIR PORT");
      System.exit(2);
    }
    EmbeddedKafka broker = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
    System.out.println("ready " + broker.bootstrapServers());
    System.out.flush();
    while (System.in.read() != -1) {
      // wait for the parent to go away
    }
    System.exit(0);
  }
}
