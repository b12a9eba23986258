package org.kooch.streaming.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;

/**
 * The event time of a Kafka record, read from its bytes so that the Kafka source can track event
 * time per partition: a post's {@code publishedAt}, an observation's {@code observedAt}. Bytes that
 * do not decode have no event time ({@link Long#MIN_VALUE}): they never move the watermark, and
 * decoding sends them to the dead-letter topic.
 */
public final class RecordEventTime implements SerializableTimestampAssigner<RawRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(RawRecord raw, long kafkaTimestamp) {
    RecordType type = RecordType.ofTopic(raw.topic).orElse(null);
    if (type == null || raw.value == null) {
      return Long.MIN_VALUE;
    }
    try {
      SpecificRecord r = type.decode(raw.value);
      return switch (type) {
        case POST -> ((Post) r).getPublishedAt().toEpochMilli();
        case SUBSCRIBERS -> ((SubscriberCount) r).getObservedAt().toEpochMilli();
        case PROFILE -> ((ChannelProfile) r).getObservedAt().toEpochMilli();
        case PLATFORM -> ((PlatformStat) r).getObservedAt().toEpochMilli();
      };
    } catch (InvalidRecordException e) {
      return Long.MIN_VALUE;
    }
  }
}
