package org.kooch.ingest.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.kooch.schemas.RecordType;

/**
 * Kooch's topics on a cluster: which are missing, creating them for a single-broker Kafka, and the
 * data topics' backlog. Existing topics are left as the operator made them; {@link TopicCheck}
 * creates them as an operator asks and compares the existing ones.
 */
public final class TopicAdmin {
  private TopicAdmin() {}

  /**
   * createTopics returns before the brokers lead the new partitions; a producer that sends at once
   * can then time out (two minutes later, all its sends failed). Wait until every partition has a
   * leader, and that leader answers for it: a broker's metadata names the leader a moment before
   * the leader's replica takes the role, and an idempotent producer whose first batches are
   * refused then (NOT_LEADER_OR_FOLLOWER) can fail every retry with OutOfOrderSequenceException
   * until its sends expire. Listing the partitions' offsets is answered by the leader's replica
   * only.
   */
  static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      boolean ready = true;
      try {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
          for (var p : d.partitions()) {
            ready &= p.leader() != null && !p.leader().isEmpty();
            partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
          }
        }
        if (ready) {
          admin.listOffsets(partitions).all().get();
        }
      } catch (ExecutionException e) {
        ready = false; // not known to every broker yet
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
      }
      if (ready) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Kafka topics " + topics + " have partitions without a leader after 60 s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * How many offsets the data topics hold, earliest to latest: what a bounded run reads (a little
   * more than the records when transaction markers take offsets).
   */
  public static long backlog(KafkaSettings settings) {
    try (Admin admin = Admin.create(settings.clientProperties())) {
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var d : admin.describeTopics(List.of(RecordType.dataTopics())).allTopicNames().get().values()) {
        for (var p : d.partitions()) {
          TopicPartition tp = new TopicPartition(d.name(), p.partition());
          earliest.put(tp, OffsetSpec.earliest());
          latest.put(tp, OffsetSpec.latest());
        }
      }
      var from = admin.listOffsets(earliest).all().get();
      var to = admin.listOffsets(latest).all().get();
      long total = 0;
      for (var e : to.entrySet()) {
        total += e.getValue().offset() - from.get(e.getKey()).offset();
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading Kafka offsets", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read offsets at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * The Kooch topics the cluster lacks ({@link TopicPlan#names()}), in the plan's order: none
   * when every topic exists.
   */
  public static List<String> missingTopics(KafkaSettings settings) {
    try (Admin admin = Admin.create(settings.clientProperties())) {
      Set<String> existing = admin.listTopics().names().get();
      return TopicPlan.names().stream().filter(t -> !existing.contains(t)).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing Kafka topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot list Kafka topics at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Creates the missing Kooch topics with the settings' partitions and replication factor
   * ({@link TopicPlan}, the brokers' default min.insync.replicas); existing ones are left alone.
   */
  public static void ensureTopics(KafkaSettings settings) {
    try (Admin admin = Admin.create(settings.clientProperties())) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : TopicPlan.kooch(settings.partitions(), settings.replication(), 0)) {
        if (!existing.contains(spec.name())) {
          missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replication()).configs(spec.configs()));
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot create Kafka topics at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    }
  }
}
