package org.kooch.ingest.kafka;

import java.util.Properties;

/**
 * Where Kafka is and how Kooch's topics are laid out. Extra client properties (security, SASL
 * credentials) come from a properties file named by {@code KOOCH_KAFKA_PROPERTIES}, never from code.
 *
 * @param partitions partitions for topics Kooch creates (records are keyed by channel)
 * @param replication replication factor for topics Kooch creates
 */
public record KafkaSettings(String bootstrapServers, int partitions, short replication, Properties extra) {

  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, 4, (short) 1, new Properties());
  }

  /** Client properties: bootstrap servers plus the operator's extra settings. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.putAll(extra);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }
}
