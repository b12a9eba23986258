package org.kooch.streaming.daily;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.Post;
import org.kooch.schemas.RefusalKind;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.clickhouse.TableSinks;

/**
 * Each channel's day, in event time: posts and counts become {@link ChannelEvent}s, aggregated per
 * channel into {@code channel_daily}; events too late for their closed day become dead letters.
 *
 * <pre>
 * posts ──► post events ──┬─► keyBy channel ─► by channel ─► daily ─┬─► channel_daily (closed days, returned)
 * counts ─► count events ─┘                         │          ├─► open days (streaming: early rows) ─► channel_daily only
 *                                                   │          └─► too late ─► dead letters (returned)
 *                                                   └─► (returned, keyed: attention, day ends)
 * </pre>
 *
 * <p>Posts and counts cross the network once, to the subtask of their channel: every operator keyed
 * by channel ({@code channel-daily}, {@code channel-attention}, {@code day-ends}) reads the
 * {@code by-channel} stream there, chained to it ({@link #ofKind}), instead of a shuffle of its own.
 */
public final class DailyStage {
  /**
   * The stage's streams: the channel events where they are made (the link stage filters them
   * there), the same events on their channel's subtask, keyed by channel (the attention and flow
   * stages read them), the {@code channel_daily} rows, and the too-late events as dead letters.
   */
  public record Days(
      DataStream<ChannelEvent> postEvents,
      DataStream<ChannelEvent> countEvents,
      KeyedStream<ChannelEvent, String> byChannel,
      DataStream<ChannelDailyRow> rows,
      DataStream<DeadLetter> tooLate) {}

  private final TableSinks sinks;
  private final Duration allowedLateness;
  private final Duration earlyUpdates;

  /** Without early rows of open days (bounded runs). */
  public DailyStage(TableSinks sinks, Duration allowedLateness) {
    this(sinks, allowedLateness, Duration.ZERO);
  }

  /** @param earlyUpdates how often at most a channel's open days reach {@code channel_daily} before they close; zero: never */
  public DailyStage(TableSinks sinks, Duration allowedLateness, Duration earlyUpdates) {
    this.sinks = sinks;
    this.allowedLateness = allowedLateness;
    this.earlyUpdates = earlyUpdates;
  }

  public Days aggregate(DataStream<Post> posts, DataStream<SubscriberCount> counts) {
    DataStream<ChannelEvent> postEvents = posts.map(ChannelEvent::of).name("post-events").uid("post-events");
    DataStream<ChannelEvent> countEvents = counts.map(ChannelEvent::of).name("count-events").uid("count-events");

    KeyedStream<ChannelEvent, String> byChannel = DataStreamUtils.reinterpretAsKeyedStream(
        postEvents.union(countEvents).keyBy(ChannelEvent::key).map(e -> e).returns(ChannelEvent.class).name("by-channel").uid("by-channel"),
        ChannelEvent::key);
    SingleOutputStreamOperator<ChannelDailyRow> daily =
        byChannel
            .process(new ChannelDailyAggregator(allowedLateness, earlyUpdates), TypeInformation.of(ChannelDailyRow.class))
            .name("channel-daily")
            .uid("channel-daily");
    daily.union(daily.getSideOutput(ChannelDailyAggregator.OPEN_DAY)).sinkTo(sinks.into("channel_daily", ChannelDailyRow.ENCODER)).name("clickhouse-channel-daily").uid("clickhouse-channel-daily");

    DataStream<DeadLetter> tooLate =
        daily.getSideOutput(ChannelDailyAggregator.TOO_LATE)
            .map(DailyStage::tooLate, new AvroTypeInfo<>(DeadLetter.class))
            .name("too-late-events").uid("too-late-events");
    return new Days(postEvents, countEvents, byChannel, daily, tooLate);
  }

  /**
   * The events of one kind ({@link ChannelEvent#POST} or {@link ChannelEvent#COUNT}) of the
   * {@code by-channel} stream, still keyed by channel: a keyed operator that reads them runs
   * chained to {@code by-channel}, without a shuffle.
   */
  public static KeyedStream<ChannelEvent, String> ofKind(KeyedStream<ChannelEvent, String> byChannel, int kind, String uid) {
    return DataStreamUtils.reinterpretAsKeyedStream(
        byChannel.filter(e -> e.kind == kind).name(uid).uid(uid), ChannelEvent::key);
  }

  private static DeadLetter tooLate(ChannelEvent e) {
    return DeadLetters.of(
        RefusalKind.TOO_LATE,
        "flink:channel-daily",
        e.key(),
        "event of " + Instant.ofEpochMilli(e.time) + " arrived after the day was closed (allowed lateness passed); it is in the raw tables, re-run with --bounded to include it",
        e.toString().getBytes(StandardCharsets.UTF_8));
  }
}
