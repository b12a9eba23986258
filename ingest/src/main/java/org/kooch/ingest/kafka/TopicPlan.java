package org.kooch.ingest.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kooch.schemas.RecordType;

/**
 * Kooch's topics and their settings: the record topics and the dead-letter topic keep records
 * forever ({@code retention.ms=-1}: records carry event times years in the past, and time-based
 * retention would delete an import of 2018 data as soon as it lands); the collectors' state topic
 * is compacted and has one partition (one record per collector and channel, the latest wins, read
 * whole when a collector starts).
 */
public final class TopicPlan {
  private TopicPlan() {}

  /** Every Kooch topic's name, record topics first. */
  public static List<String> names() {
    return kooch(1, (short) 1, 0).stream().map(TopicSpec::name).toList();
  }

  /**
   * Kooch's topics with {@code partitions} (the state topic: one) and {@code replication}; {@code
   * minInsyncReplicas} is set on every topic when positive, else left to the broker's default.
   *
   * @throws IllegalArgumentException when a figure is out of range
   */
  public static List<TopicSpec> kooch(int partitions, short replication, int minInsyncReplicas) {
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
    }
    if (replication < 1) {
      throw new IllegalArgumentException("--replication-factor must be at least 1, not " + replication);
    }
    if (minInsyncReplicas > replication) {
      throw new IllegalArgumentException("--min-insync-replicas " + minInsyncReplicas
          + " exceeds --replication-factor " + replication + ": no write could ever be acknowledged");
    }
    List<String> records = new ArrayList<>(List.of(RecordType.dataTopics()));
    records.add(RecordType.DEAD_LETTER_TOPIC);
    List<TopicSpec> plan = new ArrayList<>();
    for (String topic : records) {
      plan.add(new TopicSpec(topic, partitions, replication, configs("retention.ms", "-1", minInsyncReplicas)));
    }
    plan.add(new TopicSpec(CollectorStateTopic.TOPIC, 1, replication, configs("cleanup.policy", "compact", minInsyncReplicas)));
    return plan;
  }

  private static Map<String, String> configs(String key, String value, int minInsyncReplicas) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put(key, value);
    if (minInsyncReplicas > 0) {
      c.put("min.insync.replicas", String.valueOf(minInsyncReplicas));
    }
    return c;
  }
}
