package org.kooch.streaming.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordContract;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;

/**
 * The event time of a Kafka record, read from its bytes so that the Kafka source can track event
 * time per partition: a post's {@code publishedAt}, an observation's {@code observedAt}. Bytes that
 * do not decode, or carry a time outside the {@link RecordContract}'s bounds, have no event time ({@link Long#MIN_VALUE}): they never move the watermark, and
 * decoding sends them to the dead-letter topic.
 */
public final class RecordEventTime implements SerializableTimestampAssigner<RawRecord> {
  private static final long serialVersionUID = 1L;

  private final RecordContract contract = RecordContract.systemClock();

  @Override
  public long extractTimestamp(RawRecord raw, long kafkaTimestamp) {
    RecordType type = RecordType.ofTopic(raw.topic).orElse(null);
    if (type == null || raw.value == null) {
      return Long.MIN_VALUE;
    }
    try {
      SpecificRecord r = type.decode(raw.value);
      long time = switch (type) {
        case POST -> ((Post) r).getPublishedAt().toEpochMilli();
        case SUBSCRIBERS -> ((SubscriberCount) r).getObservedAt().toEpochMilli();
        case PROFILE -> ((ChannelProfile) r).getObservedAt().toEpochMilli();
        case PLATFORM -> ((PlatformStat) r).getObservedAt().toEpochMilli();
      };
      // A time outside the contract (year 3000) would move the watermark past every real event;
      // decoding dead-letters the record.
      return contract.plausibleTime(time) ? time : Long.MIN_VALUE;
    } catch (InvalidRecordException e) {
      return Long.MIN_VALUE;
    }
  }
}
