package org.kooch.streaming;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.kafka.RawRecord;
import org.kooch.streaming.kafka.DeadLetterSerializer;
import org.kooch.streaming.kafka.RawRecordDeserializer;

/** The Kafka source of Kooch's record topics and the dead-letter sink, built from job settings. */
public final class KafkaConnectors {
  private KafkaConnectors() {}

  public static KafkaSource<RawRecord> recordSource(JobSettings settings) {
    KafkaSourceBuilder<RawRecord> b =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(settings.kafkaBootstrap())
            .setProperties(settings.kafkaProperties())
            .setTopics(RecordType.dataTopics())
            .setGroupId(settings.consumerGroup())
            // Every run reads from the start: results are idempotent, and channel_daily needs a
            // day's whole input (streaming runs resume from their checkpoint instead).
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new RawRecordDeserializer())
            // Collectors publish a channel's records in a transaction (with their state): a record
            // of a transaction that was aborted, or is still open, must not be read. The Kafka
            // consumer's default, which the connector keeps, is read_uncommitted.
            .setProperty("isolation.level", "read_committed")
            .setProperty("partition.discovery.interval.ms", settings.bounded() ? "-1" : "60000");
    if (settings.bounded()) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  public static KafkaSink<DeadLetter> deadLetterSink(JobSettings settings) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(settings.kafkaBootstrap())
        .setKafkaProducerConfig(settings.kafkaProperties())
        .setRecordSerializer(
            KafkaRecordSerializationSchema.<DeadLetter>builder()
                .setTopic(RecordType.DEAD_LETTER_TOPIC)
                .setValueSerializationSchema(new DeadLetterSerializer())
                .build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
