package org.kooch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RecordKeys;
import org.kooch.schemas.RecordType;

/**
 * Writes Kooch records to their topics (Avro single-object encoding, keyed by platform/channel)
 * and refused input to the dead-letter topic. Idempotent producer with acks=all: a retried send
 * is not duplicated. {@link #close()} flushes and fails if any send failed, so nothing is lost
 * silently.
 */
public final class RecordPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final Map<RecordType, AtomicLong> sent = new EnumMap<>(RecordType.class);
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public RecordPublisher(KafkaSettings settings) {
    Properties p = settings.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    for (RecordType t : RecordType.values()) {
      sent.put(t, new AtomicLong());
    }
  }

  public void publish(SpecificRecord record) {
    checkHealthy();
    RecordType type = RecordType.of(record);
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(type.topic(), RecordKeys.keyBytes(record), type.encode(record));
    producer.send(r, (meta, e) -> onCompletion(e));
    sent.get(type).incrementAndGet();
  }

  /** Sends refused input, with its reason and location, to {@link RecordType#DEAD_LETTER_TOPIC}. */
  public void deadLetter(String source, String location, String reason, byte[] raw) {
    checkHealthy();
    byte[] bytes = DeadLetters.encode(DeadLetters.of(source, location, reason, raw));
    producer.send(
        new ProducerRecord<>(RecordType.DEAD_LETTER_TOPIC, source.getBytes(StandardCharsets.UTF_8), bytes),
        (meta, e) -> onCompletion(e));
    deadLetters.incrementAndGet();
  }

  public long sent(RecordType type) {
    return sent.get(type).get();
  }

  public long sentTotal() {
    return sent.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long deadLetters() {
    return deadLetters.get();
  }

  public void flush() {
    producer.flush();
    checkHealthy();
  }

  private void onCompletion(Exception e) {
    if (e != null) {
      firstFailure.compareAndSet(null, e);
    }
  }

  private void checkHealthy() {
    Exception e = firstFailure.get();
    if (e != null) {
      throw new IllegalStateException("a Kafka send failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      producer.flush();
    } finally {
      producer.close();
    }
    checkHealthy();
  }
}
