package org.kooch.streaming.attention;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.daily.ChannelEvent;
import org.kooch.streaming.daily.DailyStage;

/**
 * Each channel's attention, in event time: the views of a day's posts as last observed and at 24 h
 * of age, into {@code channel_attention}. Platform totals, shares and the attention a pair moved
 * are read from that table ({@code v_platform_attention}, the {@code queries} module's
 * {@code Attention}).
 *
 * <pre>
 * posts by channel (DailyStage) ─► post observations ─► attention ─► channel_attention
 * </pre>
 */
public final class AttentionStage {
  private final TableSinks sinks;
  private final Duration allowedLateness;

  public AttentionStage(TableSinks sinks, Duration allowedLateness) {
    this.sinks = sinks;
    this.allowedLateness = allowedLateness;
  }

  /** Reads the posts of {@code byChannel} (DailyStage's events on their channel's subtask), chained there. */
  public DataStream<ChannelAttentionRow> attend(KeyedStream<ChannelEvent, String> byChannel) {
    DataStream<PostObservation> observations = DailyStage.ofKind(byChannel, ChannelEvent.POST, "channel-posts")
        .map(PostObservation::of).returns(PostObservation.class).name("post-observations").uid("post-observations");
    DataStream<ChannelAttentionRow> rows =
        DataStreamUtils.reinterpretAsKeyedStream(observations, PostObservation::key)
            .process(new ChannelAttentionAggregator(allowedLateness), TypeInformation.of(ChannelAttentionRow.class))
            .name("channel-attention").uid("channel-attention");
    rows.sinkTo(sinks.into("channel_attention", ChannelAttentionRow.ENCODER))
        .name("clickhouse-channel-attention").uid("clickhouse-channel-attention");
    return rows;
  }
}
