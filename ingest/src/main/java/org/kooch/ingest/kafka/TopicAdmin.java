package org.kooch.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.kooch.schemas.RecordType;

/** Creates Kooch's topics when they are missing. Existing topics are left as the operator made them. */
public final class TopicAdmin {
  private TopicAdmin() {}

  public static void ensureTopics(KafkaSettings settings) {
    try (Admin admin = Admin.create(settings.clientProperties())) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      List<String> wanted = new ArrayList<>(List.of(RecordType.dataTopics()));
      wanted.add(RecordType.DEAD_LETTER_TOPIC);
      for (String topic : wanted) {
        if (!existing.contains(topic)) {
          // Records carry event times years in the past: retention must not be time-based, or
          // an import of 2018 data would be deleted as soon as it lands.
          missing.add(
              new NewTopic(topic, settings.partitions(), settings.replication())
                  .configs(Map.of("retention.ms", "-1")));
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot create Kafka topics at " + settings.bootstrapServers() + ": " + e.getCause().getMessage(), e);
    }
  }
}
