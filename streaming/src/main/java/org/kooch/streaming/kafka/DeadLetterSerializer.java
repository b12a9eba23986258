package org.kooch.streaming.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;

/** Dead letters as Avro single-object encoded bytes, like every other Kooch topic. */
public class DeadLetterSerializer implements SerializationSchema<DeadLetter> {
  @Override
  public byte[] serialize(DeadLetter d) {
    return DeadLetters.encode(d);
  }
}
