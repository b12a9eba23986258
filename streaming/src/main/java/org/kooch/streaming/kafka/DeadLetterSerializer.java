package org.kooch.streaming.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.kooch.schemas.DeadLetter;

/** Dead letters as Avro single-object encoded bytes, like every other Kooch topic. */
public class DeadLetterSerializer implements SerializationSchema<DeadLetter> {
  @Override
  public byte[] serialize(DeadLetter d) {
    try {
      return DeadLetter.getEncoder().encode(d).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
