package org.kooch.streaming.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.clickhouse.UnwritableRows;

/**
 * Sends the rows a ClickHouse sink cannot encode to the dead-letter topic. The producer is made
 * at the first such row, so a sink that never meets one holds no Kafka connection. Sends are
 * idempotent with acks=all; the sink flushes them before each checkpoint, like its inserts.
 */
public final class KafkaUnwritableRows implements UnwritableRows {
  private static final long serialVersionUID = 1L;

  private final String bootstrap;
  private final Properties properties;

  public KafkaUnwritableRows(String bootstrap, Properties properties) {
    this.bootstrap = bootstrap;
    this.properties = properties;
  }

  @Override
  public Outlet open(String table, int subtask) {
    return new ProducerOutlet();
  }

  private final class ProducerOutlet implements Outlet {
    private KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void send(DeadLetter d) {
      if (producer == null) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
      }
      producer.send(
          new ProducerRecord<>(RecordType.DEAD_LETTER_TOPIC, d.getSource().getBytes(StandardCharsets.UTF_8), DeadLetters.encode(d)),
          (meta, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
    }

    @Override
    public void flush() throws IOException {
      if (producer != null) {
        producer.flush();
      }
      Exception e = failure.get();
      if (e != null) {
        throw new IOException("cannot send a dead letter to " + RecordType.DEAD_LETTER_TOPIC + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      if (producer != null) {
        producer.close();
      }
    }
  }
}
