package org.kooch.ingest.kafka;

import java.util.Map;

/**
 * One Kooch topic as it should be: its name, partitions, replication factor and the topic configs
 * Kooch relies on (only these are compared with an existing topic).
 */
public record TopicSpec(String name, int partitions, short replication, Map<String, String> configs) {
  public TopicSpec {
    configs = Map.copyOf(configs);
  }
}
