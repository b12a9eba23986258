package org.kooch.streaming;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.streaming.clickhouse.ClickHouseRows;
import org.kooch.streaming.clickhouse.ClickHouseSink;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.daily.ChannelEvent;
import org.kooch.streaming.flows.ChannelFlowRow;
import org.kooch.streaming.flows.DayEnd;
import org.kooch.streaming.flows.DayEndEstimator;
import org.kooch.streaming.flows.FlowCandidate;
import org.kooch.streaming.flows.LinkRouter;
import org.kooch.streaming.flows.MigrationFlowRow;
import org.kooch.streaming.flows.PairDayEnd;
import org.kooch.streaming.flows.PairFlowEstimator;
import org.kooch.streaming.flows.PairLink;
import org.kooch.streaming.flows.PlatformFlowAggregator;
import org.kooch.streaming.flows.PlatformShockEstimator;
import org.kooch.streaming.flows.ShockDay;
import org.kooch.streaming.flows.ShockRouter;
import org.kooch.streaming.flows.SourceFlowSplitter;
import org.kooch.streaming.links.ChannelLinkRow;
import org.kooch.streaming.links.LinkDeduplicator;
import org.kooch.streaming.links.ExtractLinks;
import org.kooch.streaming.links.FirstSightings;
import org.kooch.streaming.links.MinHashBands;
import org.kooch.streaming.links.PostSignature;
import org.kooch.streaming.links.SameContentDetector;
import org.kooch.streaming.links.SameHandleDetector;
import org.kooch.streaming.platforms.PlatformDailyAggregator;
import org.kooch.streaming.platforms.PlatformDailyRow;
import org.kooch.streaming.platforms.PlatformInput;

/**
 * The migration analytics, added to the landing job's graph:
 *
 * <pre>
 * posts, profiles ─► links (urls, mentions, forwards) ─┐
 * channel events ──► same handle ──────────────────────┼─► dedupe ─► channel_links
 * posts ──► MinHash ─► LSH buckets ─► same content ────┘      │ cross-platform pairs
 * counts ─► day ends ──────────────► route to pairs ◄─────────┘ (announced cross-platform links only)
 * unlinked channels' day ends ─► platform shocks ─► route to pairs ─┐
 *                                      └─► pair estimator ◄─────────┘ ─► split by source ─► channel_flows ─► migration_flows
 * day ends + channel_daily + reports ─► platform_daily
 * </pre>
 */
final class MigrationAnalytics {
  private MigrationAnalytics() {}

  static void attach(
      JobSettings settings,
      DataStream<Post> posts,
      DataStream<ChannelProfile> profiles,
      DataStream<ChannelEvent> postEvents,
      DataStream<ChannelEvent> countEvents,
      DataStream<ChannelDailyRow> daily,
      DataStream<PlatformStat> platformStats) {
    DataStream<ChannelLinkRow> postLinks =
        posts.flatMap(new ExtractLinks.FromPosts(), TypeInformation.of(ChannelLinkRow.class)).name("post-links").uid("post-links");
    DataStream<ChannelLinkRow> profileLinks =
        profiles.flatMap(new ExtractLinks.FromProfiles(), TypeInformation.of(ChannelLinkRow.class)).name("profile-links").uid("profile-links");
    DataStream<ChannelLinkRow> sameHandle =
        // Filtered where they are made (chained): a union's consumer is never chained.
        postEvents.filter(new FirstSightings()).name("first-post-sightings").uid("first-post-sightings")
            .union(countEvents.filter(new FirstSightings()).name("first-count-sightings").uid("first-count-sightings"))
            .keyBy(e -> e.channel).process(new SameHandleDetector(), TypeInformation.of(ChannelLinkRow.class))
            .name("same-handle").uid("same-handle");
    DataStream<ChannelLinkRow> sameContent =
        posts.flatMap(new MinHashBands()).returns(PostSignature.class).name("minhash").uid("minhash")
            .keyBy(s -> s.bucket).transform("same-content", TypeInformation.of(ChannelLinkRow.class), new SameContentDetector())
            // Its state changed form (raw keyed state, no longer a keyed list): a new uid, so a job
            // resumed from an older checkpoint leaves the old state behind instead of failing on it.
            .uid("same-content-buckets");

    SingleOutputStreamOperator<ChannelLinkRow> links =
        postLinks.union(profileLinks, sameHandle, sameContent)
            .keyBy(ChannelLinkRow::key)
            .process(new LinkDeduplicator(), TypeInformation.of(ChannelLinkRow.class))
            .name("channel-links").uid("channel-links");
    links.sinkTo(ClickHouseSink.of(settings.clickhouse(), "channel_links", ClickHouseRows.CHANNEL_LINKS, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-channel-links").uid("clickhouse-channel-links");

    DataStream<PairLink> pairLinks =
        links.filter(ChannelLinkRow::announcesMove).name("announced-moves").uid("announced-moves")
            .flatMap(MigrationAnalytics::pairLinks).returns(PairLink.class).name("pair-links").uid("pair-links");

    SingleOutputStreamOperator<DayEnd> dayEnds =
        countEvents.keyBy(ChannelEvent::key)
            .process(new DayEndEstimator(settings.allowedLateness()), TypeInformation.of(DayEnd.class))
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
    channelFlows.sinkTo(ClickHouseSink.of(settings.clickhouse(), "channel_flows", ClickHouseRows.CHANNEL_FLOWS, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-channel-flows").uid("clickhouse-channel-flows");

    channelFlows.keyBy(ChannelFlowRow::platformPair)
        .process(new PlatformFlowAggregator(), TypeInformation.of(MigrationFlowRow.class)).name("migration-flows").uid("migration-flows")
        .sinkTo(ClickHouseSink.of(settings.clickhouse(), "migration_flows", ClickHouseRows.MIGRATION_FLOWS, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-migration-flows").uid("clickhouse-migration-flows");

    DataStream<PlatformInput> platformInputs =
        dayEnds.map(d -> PlatformInput.dayEnd(d.platform, d.channel, d.epochDay, Math.round(d.value)))
            .returns(PlatformInput.class).name("platform-day-ends").uid("platform-day-ends")
            .union(
                daily.map(r -> PlatformInput.activity(r.platform, r.channel, r.epochDay, r.posts, r.views))
                    .returns(PlatformInput.class).name("platform-activity").uid("platform-activity"),
                platformStats.map(s -> PlatformInput.reported(s.getPlatform(), Math.floorDiv(s.getObservedAt().toEpochMilli(), 86_400_000L), s.getReportedUsers()))
                    .returns(PlatformInput.class).name("platform-reports").uid("platform-reports"));
    platformInputs.keyBy(p -> p.platform)
        .process(new PlatformDailyAggregator(), TypeInformation.of(PlatformDailyRow.class)).name("platform-daily").uid("platform-daily")
        .sinkTo(ClickHouseSink.of(settings.clickhouse(), "platform_daily", ClickHouseRows.PLATFORM_DAILY, settings.unwritableRows(), settings.clickhouseRetry()))
        .name("clickhouse-platform-daily").uid("clickhouse-platform-daily");
  }

  private static void pairLinks(ChannelLinkRow l, Collector<PairLink> out) {
    String pair = PairDayEnd.pairKey(l.fromKey(), l.toKey());
    long day = Math.floorDiv(l.firstSeen, 86_400_000L);
    List<String> sides = new ArrayList<>(List.of(pair.split("\\|", 2)));
    for (int side = 0; side < 2; side++) {
      out.collect(new PairLink(sides.get(side), pair, side, day));
    }
  }
}
