package org.kooch.streaming.links;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.Post;
import org.kooch.streaming.clickhouse.TableSinks;
import org.kooch.streaming.daily.ChannelEvent;

/**
 * Evidence that two channels have one owner, from four sources (same content is found by its
 * own stage, {@code SameContentStage}), and the pairs inferred from it without an announcement
 * ({@link PairInference}), deduplicated into {@code channel_links}:
 *
 * <pre>
 * posts, profiles ─► links (urls, mentions, forwards) ─┐
 * channel events ──► same handle ──────────────────────┼─► dedupe ─► channel_links
 * same-content links ──────────────────────────────────┤      └─► links (returned)
 *        └─► cross-platform evidence ─► pair inference ─┘
 * </pre>
 */
public final class LinksStage {
  private final TableSinks sinks;

  public LinksStage(TableSinks sinks) {
    this.sinks = sinks;
  }

  /** Returns the links, each the first time and again when its evidence gets earlier or stronger. */
  public DataStream<ChannelLinkRow> link(
      DataStream<Post> posts,
      DataStream<ChannelProfile> profiles,
      DataStream<ChannelEvent> postEvents,
      DataStream<ChannelEvent> countEvents,
      DataStream<ChannelLinkRow> sameContent) {
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

    DataStream<ChannelLinkRow> inferred =
        postLinks.union(profileLinks, sameHandle, sameContent)
            .filter(ChannelLinkRow::crossPlatform).name("cross-platform-evidence").uid("cross-platform-evidence")
            .keyBy(ChannelLinkRow::pairKey)
            .process(new PairInference(), TypeInformation.of(ChannelLinkRow.class))
            .name("pair-inference").uid("pair-inference");

    SingleOutputStreamOperator<ChannelLinkRow> links =
        postLinks.union(profileLinks, sameHandle, sameContent, inferred)
            .keyBy(ChannelLinkRow::key)
            .process(new LinkDeduplicator(), TypeInformation.of(ChannelLinkRow.class))
            .name("channel-links").uid("channel-links");
    links.sinkTo(sinks.into("channel_links", ChannelLinkRow.ENCODER)).name("clickhouse-channel-links").uid("clickhouse-channel-links");
    return links;
  }
}
