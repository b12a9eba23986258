package org.kooch.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
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
 * silently. A {@link #transactional} publisher (the collectors') publishes a channel's records and
 * its state atomically.
 */
public final class RecordPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final RecordContract contract;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
  private final boolean transactional;

  public RecordPublisher(KafkaSettings settings) {
    this(settings, RecordContract.systemClock());
  }

  public RecordPublisher(KafkaSettings settings, RecordContract contract) {
    this(settings, contract, null);
  }

  private RecordPublisher(KafkaSettings settings, RecordContract contract, String transactionalId) {
    this.contract = contract;
    this.transactional = transactionalId != null;
    Properties p = settings.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    if (transactional) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    this.producer = new KafkaProducer<>(p);
    if (transactional) {
      try {
        // Fences off an earlier producer with this id (a killed collector) and aborts its open
        // transaction: its records never become visible to read_committed consumers.
        producer.initTransactions();
      } catch (RuntimeException e) {
        producer.close(Duration.ZERO);
        throw e;
      }
    }
  }

  /**
   * A publisher whose records become visible together, at {@link #commitTransaction()}, to
   * consumers that read committed records only (the job, the collectors' state). One {@code
   * transactionalId} per writer: a new publisher with the same id aborts what the last one left
   * open, and the last one can no longer commit.
   */
  public static RecordPublisher transactional(KafkaSettings settings, String transactionalId, RecordContract contract) {
    return new RecordPublisher(settings, contract, transactionalId);
  }

  public static RecordPublisher transactional(KafkaSettings settings, String transactionalId) {
    return transactional(settings, transactionalId, RecordContract.systemClock());
  }

  public void beginTransaction() {
    requireTransactional();
    producer.beginTransaction();
  }

  /** Makes the transaction's records visible; throws when any of them failed (then abort). */
  public void commitTransaction() {
    requireTransactional();
    checkHealthy();
    producer.commitTransaction();
  }

  /**
   * Drops the open transaction's records (they stay in the log, marked aborted). A failed send
   * poisons only its transaction: the next one starts clean.
   *
   * @throws org.apache.kafka.common.KafkaException when the producer cannot go on (fenced by a newer
   *     one with the same id): it must be closed
   */
  public void abortTransaction() {
    requireTransactional();
    producer.abortTransaction();
    firstFailure.set(null);
  }

  /** Sends a collector's state for one channel (JSON), in the open transaction, to {@link CollectorStateTopic}. */
  public void publishCollectorState(String key, byte[] json) {
    requireTransactional();
    checkHealthy();
    producer.send(new ProducerRecord<>(CollectorStateTopic.TOPIC, key.getBytes(StandardCharsets.UTF_8), json), (meta, e) -> onCompletion(e));
  }

  private void requireTransactional() {
    if (!transactional) {
      throw new IllegalStateException("not a transactional publisher");
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
  }

  /** Sends input refused with {@code e} to the dead-letter topic, with its kind and reason. */
  public void deadLetter(InvalidRecordException e, String source, String location, byte[] raw) {
    deadLetter(e.kind(), source, location, e.getMessage(), raw);
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

  /**
   * Flushes and closes; fails if any send failed. A transaction still open is aborted, so that it
   * does not hold back read_committed readers of its partitions until the transaction timeout:
   * {@link KafkaProducer#close()} has no time limit and aborts it before it returns (a close whose
   * time limit runs out would leave it open).
   */
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
