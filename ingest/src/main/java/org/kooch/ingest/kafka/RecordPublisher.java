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
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.RecordContract;
import org.kooch.schemas.RecordKeys;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.RefusalKind;

/**
 * Writes Kooch records to their topics (Avro single-object encoding, keyed by platform/channel)
 * and refused input to the dead-letter topic. It is the door every producer of Kooch's passes
 * through, so it enforces the {@link RecordContract}: a record that breaks it is refused with an
 * {@link InvalidRecordException} for the caller to dead-letter, and never reaches Kafka.
 * Idempotent producer with acks=all: a retried send is not duplicated. {@link #close()} flushes and fails if any send failed, so nothing is lost
 * silently.
 */
public final class RecordPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final RecordContract contract;
  private final Map<RecordType, AtomicLong> sent = new EnumMap<>(RecordType.class);
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public RecordPublisher(KafkaSettings settings) {
    this(settings, RecordContract.systemClock());
  }

  public RecordPublisher(KafkaSettings settings, RecordContract contract) {
    this.contract = contract;
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

  /**
   * Sends a record to its topic.
   *
   * @throws InvalidRecordException when the record breaks the contract; nothing was sent
   */
  public void publish(SpecificRecord record) {
    checkHealthy();
    contract.check(record);
    RecordType type = RecordType.of(record);
    byte[] value = type.encode(record);
    RecordContract.checkSize(value.length);
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(type.topic(), RecordKeys.keyBytes(record), value);
    producer.send(r, (meta, e) -> onCompletion(e));
    sent.get(type).incrementAndGet();
  }

  /** Sends refused input, with its reason and location, to {@link RecordType#DEAD_LETTER_TOPIC}. */
  public void deadLetter(RefusalKind kind, String source, String location, String reason, byte[] raw) {
    deadLetter(kind, source, location, reason, raw, raw == null ? 0 : raw.length);
  }

  /** As {@link #deadLetter(RefusalKind, String, String, String, byte[])}, for input kept only in part. */
  public void deadLetter(RefusalKind kind, String source, String location, String reason, byte[] raw, long rawSize) {
    checkHealthy();
    byte[] bytes = DeadLetters.encode(DeadLetters.of(kind, source, location, reason, raw, rawSize));
    producer.send(
        new ProducerRecord<>(RecordType.DEAD_LETTER_TOPIC, source.getBytes(StandardCharsets.UTF_8), bytes),
        (meta, e) -> onCompletion(e));
    deadLetters.incrementAndGet();
  }

  /** Sends input refused with {@code e} to the dead-letter topic, with its kind and reason. */
  public void deadLetter(InvalidRecordException e, String source, String location, byte[] raw) {
    deadLetter(e.kind(), source, location, e.getMessage(), raw);
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
