package org.kooch.streaming.decode;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordContract;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.kafka.RawRecord;

/**
 * Decodes Kafka records by topic (Avro single-object encoding) and holds them to the {@link
 * RecordContract}: Kafka is a boundary, and anyone may have produced to it. Posts are the main
 * output; the other record types go to their side outputs, and bytes that do not decode or break
 * the contract go to {@link #DEAD_LETTERS} with the topic, partition, offset and reason.
 */
public class DecodeRecords extends ProcessFunction<RawRecord, Post> {
  public static final OutputTag<SubscriberCount> SUBSCRIBERS =
      new OutputTag<>("subscribers", new AvroTypeInfo<>(SubscriberCount.class));
  public static final OutputTag<ChannelProfile> PROFILES =
      new OutputTag<>("profiles", new AvroTypeInfo<>(ChannelProfile.class));
  public static final OutputTag<PlatformStat> PLATFORM_STATS =
      new OutputTag<>("platform-stats", new AvroTypeInfo<>(PlatformStat.class));
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  /** Accumulator name: how many records this job sent to the dead-letter topic. */
  public static final String DEAD_LETTER_ACCUMULATOR = "deadLetters";
  /** Accumulator name: how many Kafka records this job has read (a backfill's progress). */
  public static final String RECORDS_READ_ACCUMULATOR = "recordsRead";

  private transient Counter deadLetters;
  private transient LongCounter deadLetterTotal;
  private transient LongCounter recordsRead;
  private transient RecordContract contract;

  @Override
  public void open(OpenContext openContext) {
    deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    deadLetterTotal = new LongCounter();
    getRuntimeContext().addAccumulator(DEAD_LETTER_ACCUMULATOR, deadLetterTotal);
    contract = RecordContract.systemClock();
    recordsRead = new LongCounter();
    getRuntimeContext().addAccumulator(RECORDS_READ_ACCUMULATOR, recordsRead);
  }

  @Override
  public void processElement(RawRecord raw, Context ctx, Collector<Post> out) {
    recordsRead.add(1);
    try {
      RecordType type =
          RecordType.ofTopic(raw.topic)
              .orElseThrow(() -> new InvalidRecordException("no record type for topic " + raw.topic));
      if (raw.value == null) {
        throw new InvalidRecordException("record has no value");
      }
      RecordContract.checkSize(raw.value.length);
      SpecificRecord record = type.decode(raw.value);
      contract.check(record);
      switch (type) {
        case POST:
          out.collect((Post) record);
          break;
        case SUBSCRIBERS:
          ctx.output(SUBSCRIBERS, (SubscriberCount) record);
          break;
        case PROFILE:
          ctx.output(PROFILES, (ChannelProfile) record);
          break;
        case PLATFORM:
          ctx.output(PLATFORM_STATS, (PlatformStat) record);
          break;
        default:
          throw new IllegalStateException(type.name());
      }
    } catch (InvalidRecordException e) {
      deadLetters.inc();
      deadLetterTotal.add(1);
      ctx.output(DEAD_LETTERS, DeadLetters.of(e, "flink:" + raw.topic, raw.location(), raw.value));
    }
  }
}
