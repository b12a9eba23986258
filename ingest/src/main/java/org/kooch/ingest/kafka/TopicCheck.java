package org.kooch.ingest.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes a cluster hold a {@link TopicPlan}: creates each missing topic as planned and compares
 * each existing one with the plan. It never deletes, shrinks or alters a topic, and never adds
 * partitions (records are keyed by channel: more partitions would send a channel's later records
 * to another partition than its earlier ones, out of order for a reader).
 */
public final class TopicCheck {
  /** What became of one planned topic: created, or existing with these differences (none: as planned). */
  public record Outcome(TopicSpec spec, boolean created, List<String> differences) {}

  private TopicCheck() {}

  /**
   * Creates the missing topics of {@code plan} and compares the others with it.
   *
   * @throws IllegalArgumentException when the plan's replication factor exceeds the cluster's brokers
   */
  public static List<Outcome> apply(KafkaSettings settings, List<TopicSpec> plan) {
    try (Admin admin = Admin.create(settings.clientProperties())) {
      int brokers = admin.describeCluster().nodes().get().size();
      for (TopicSpec spec : plan) {
        if (spec.replication() > brokers) {
          throw new IllegalArgumentException("--replication-factor " + spec.replication() + " needs at least "
              + spec.replication() + " brokers; the cluster at " + settings.bootstrapServers() + " has " + brokers);
        }
      }
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : plan) {
        if (!existing.contains(spec.name())) {
          missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replication()).configs(spec.configs()));
        }
      }
      Set<String> created = new HashSet<>();
      for (NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get();
          created.add(topic.name());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          // created meanwhile by another process: compared below like any existing topic
        }
      }
      if (!created.isEmpty()) {
        TopicAdmin.awaitLeaders(admin, List.copyOf(created));
      }
      List<String> others = plan.stream().map(TopicSpec::name).filter(n -> !created.contains(n)).toList();
      Map<String, TopicDescription> descriptions = others.isEmpty() ? Map.of() : admin.describeTopics(others).allTopicNames().get();
      Map<String, Map<String, String>> configs = configs(admin, others);
      List<Outcome> out = new ArrayList<>();
      for (TopicSpec spec : plan) {
        if (created.contains(spec.name())) {
          out.add(new Outcome(spec, true, List.of()));
        } else {
          TopicDescription d = descriptions.get(spec.name());
          int replication = d.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
          out.add(new Outcome(spec, false, differences(spec, d.partitions().size(), replication, configs.get(spec.name()))));
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot check Kafka topics at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    }
  }

  /** How an existing topic differs from {@code spec}: one sentence per difference, none when as planned. */
  public static List<String> differences(TopicSpec spec, int partitions, int replication, Map<String, String> configs) {
    List<String> out = new ArrayList<>();
    if (partitions < spec.partitions()) {
      out.add("has " + partitions(partitions) + ", asked " + spec.partitions()
          + " (not added: a channel's later records would land in another partition than its earlier ones)");
    }
    if (replication != spec.replication()) {
      out.add("has replication factor " + replication + ", asked " + spec.replication());
    }
    for (var wanted : new TreeMap<>(spec.configs()).entrySet()) {
      String actual = configs.get(wanted.getKey());
      if (!wanted.getValue().equals(actual)) {
        out.add("has " + wanted.getKey() + "=" + actual + ", asked " + wanted.getValue());
      }
    }
    return out;
  }

  /** "1 partition", "4 partitions". */
  public static String partitions(int n) {
    return n + (n == 1 ? " partition" : " partitions");
  }

  private static Map<String, Map<String, String>> configs(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException {
    List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<String, Map<String, String>> out = new HashMap<>();
    if (resources.isEmpty()) {
      return out;
    }
    for (Map.Entry<ConfigResource, Config> e : admin.describeConfigs(resources).all().get().entrySet()) {
      Map<String, String> values = new HashMap<>();
      for (ConfigEntry entry : e.getValue().entries()) {
        values.put(entry.name(), entry.value());
      }
      out.put(e.getKey().name(), values);
    }
    return out;
  }
}
