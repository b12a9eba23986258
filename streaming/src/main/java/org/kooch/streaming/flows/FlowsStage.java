package org.kooch.streaming.flows;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.daily.ChannelEvent;
import org.kooch.streaming.daily.DailyStage;
import org.kooch.streaming.links.ChannelLinkRow;

/**
 * Migration flows between linked channels, from their counts' day ends, net of the shocks their
 * platforms saw on unlinked channels:
 *
 * <pre>
 * links ─► announced or inferred pairs ─► pair links ────────────┐
 * counts ─► day ends ──────────────► route to pairs ◄────────────┤
 * unlinked channels' day ends ─► platform shocks ─► route to pairs ◄─┘
 *                                 └─► pair estimator ◄─┘ ─► split by source ─► channel_flows ─► migration_flows
 * day ends (returned, for platform totals)
 * </pre>
 */
public final class FlowsStage {
  private final TableSinks sinks;
  private final Duration allowedLateness;

  public FlowsStage(TableSinks sinks, Duration allowedLateness) {
    this.sinks = sinks;
    this.allowedLateness = allowedLateness;
  }

  /** Writes {@code channel_flows} and {@code migration_flows}; returns the channels' day ends. */
  /** {@code byChannel}: DailyStage's events on their channel's subtask; the day ends read its counts there, chained. */
  public DataStream<DayEnd> flows(DataStream<ChannelLinkRow> links, KeyedStream<ChannelEvent, String> byChannel) {
    DataStream<PairLink> pairLinks =
        links.filter(l -> l.announcesMove() || l.inferred()).name("announced-moves").uid("announced-moves")
            .flatMap(FlowsStage::pairLinks).returns(PairLink.class).name("pair-links").uid("pair-links");

    SingleOutputStreamOperator<DayEnd> dayEnds =
        DailyStage.ofKind(byChannel, ChannelEvent.COUNT, "channel-counts")
            .process(new DayEndEstimator(allowedLateness), TypeInformation.of(DayEnd.class))
            .name("day-ends").uid("day-ends");

    SingleOutputStreamOperator<PairDayEnd> routed =
        dayEnds.keyBy(DayEnd::key).connect(pairLinks.keyBy(l -> l.channel))
            .process(new LinkRouter(), TypeInformation.of(PairDayEnd.class)).name("route-to-pairs").uid("route-to-pairs");
    DataStream<PairDayEnd> shocks =
        routed.getSideOutput(LinkRouter.CONTROLS)
            .keyBy(c -> c.dayEnd.platform)
            .process(new PlatformShockEstimator(), TypeInformation.of(ShockDay.class)).name("platform-shocks").uid("platform-shocks")
            .keyBy(s -> s.platform)
            .connect(pairLinks.keyBy(l -> ShockRouter.platformOf(l.channel)))
            .process(new ShockRouter(), TypeInformation.of(PairDayEnd.class)).name("route-shocks").uid("route-shocks");

    SingleOutputStreamOperator<ChannelFlowRow> channelFlows =
        routed.union(shocks)
            .keyBy(p -> p.pair)
            .process(new PairFlowEstimator(), TypeInformation.of(FlowCandidate.class)).name("pair-flows").uid("pair-flows")
            .keyBy(c -> c.from)
            .process(new SourceFlowSplitter(), TypeInformation.of(ChannelFlowRow.class)).name("channel-flows").uid("channel-flows");
    channelFlows.sinkTo(sinks.into("channel_flows", ChannelFlowRow.ENCODER)).name("clickhouse-channel-flows").uid("clickhouse-channel-flows");

    channelFlows.keyBy(ChannelFlowRow::platformPair)
        .process(new PlatformFlowAggregator(), TypeInformation.of(MigrationFlowRow.class)).name("migration-flows").uid("migration-flows")
        .sinkTo(sinks.into("migration_flows", MigrationFlowRow.ENCODER))
        .name("clickhouse-migration-flows").uid("clickhouse-migration-flows");
    return dayEnds;
  }

  /** A cross-platform link as one {@link PairLink} per side of the pair, with the link's day. */
  private static void pairLinks(ChannelLinkRow l, Collector<PairLink> out) {
    String pair = PairDayEnd.pairKey(l.fromKey(), l.toKey());
    long day = Math.floorDiv(l.firstSeen, 86_400_000L);
    String[] sides = pair.split("\\|", 2);
    for (int side = 0; side < 2; side++) {
      out.collect(new PairLink(sides[side], pair, side, day, FoundBy.of(l)));
    }
  }
}
