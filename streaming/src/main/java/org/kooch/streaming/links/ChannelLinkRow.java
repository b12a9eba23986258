package org.kooch.streaming.links;

import static org.kooch.streaming.clickhouse.RowEncoder.dateTime;
import static org.kooch.streaming.clickhouse.RowEncoder.nullableInt64;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;

import java.util.Objects;
import java.util.List;
import org.kooch.streaming.clickhouse.RowEncoder;

/**
 * Evidence that two channels belong to the same owner: one row of {@code channel_links}.
 * {@code from} is where the evidence was found (the announcing channel, the earlier account).
 */
public class ChannelLinkRow {
  /** Far future (2100-01-01): the earliest sighting of a link gets the highest version. */
  private static final long VERSION_BASE = 4_102_444_800_000L;

  /** The {@code channel_links} row, as the ClickHouse sink writes it: columns as in {@code clickhouse/*.sql}, values in RowBinary. */
  public static final RowEncoder<ChannelLinkRow> ENCODER = RowEncoder.of(
      List.of("from_platform", "from_channel", "to_platform", "to_channel", "evidence", "first_seen", "post_id",
          "confidence", "version"),
      (l, row) -> {
        row.writeString(l.fromPlatform);
        row.writeString(l.fromChannel);
        row.writeString(l.toPlatform);
        row.writeString(l.toChannel);
        row.writeString(l.evidence);
        dateTime(row, l.firstSeen);
        nullableInt64(row, l.postId);
        row.writeFloat64(l.confidence);
        uint64(row, (VERSION_BASE - l.firstSeen) * 100 + Math.round(l.confidence * 99));
      });

  public static final String POST_LINK = "post_link";
  public static final String PROFILE_LINK = "profile_link";
  public static final String FORWARD = "forward";
  public static final String SAME_HANDLE = "same_handle";
  public static final String SAME_CONTENT = "same_content";
  /**
   * Not evidence found in one record but the verdict on a pair: the evidence above, added up by
   * {@code PairInference}, crossed its confidence threshold. {@code from} is the older account,
   * {@code first_seen} the day the shared evidence began, {@code confidence} the combined one.
   */
  public static final String INFERRED = "inferred";

  public String fromPlatform;
  public String fromChannel;
  public String toPlatform;
  public String toChannel;
  public String evidence;
  public long firstSeen;
  public Long postId;
  public double confidence;
  /**
   * For {@code same_handle}: when each account was first seen ({@code first_seen} is when both
   * were), so {@link PairInference} can tell an account opened after the other from siblings
   * opened together. In the stream only, not a column.
   */
  public Long fromSeen;
  public Long toSeen;

  public ChannelLinkRow() {}

  public ChannelLinkRow(String fromPlatform, String fromChannel, String toPlatform, String toChannel,
      String evidence, long firstSeen, Long postId, double confidence) {
    this.fromPlatform = fromPlatform;
    this.fromChannel = fromChannel;
    this.toPlatform = toPlatform;
    this.toChannel = toChannel;
    this.evidence = evidence;
    this.firstSeen = firstSeen;
    this.postId = postId;
    this.confidence = confidence;
  }

  /** Identity of the link in {@code channel_links}. */
  public String key() {
    return fromPlatform + "/" + fromChannel + ">" + toPlatform + "/" + toChannel + "#" + evidence;
  }

  /** The unordered pair of accounts this link joins ("platform/channel|platform/channel", in key order). */
  public String pairKey() {
    String a = fromKey();
    String b = toKey();
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }

  public String fromKey() {
    return fromPlatform + "/" + fromChannel;
  }

  public String toKey() {
    return toPlatform + "/" + toChannel;
  }

  public boolean crossPlatform() {
    return !fromPlatform.equals(toPlatform);
  }

  /**
   * Whether this link can start a migration pair: an owner pointing its audience to another
   * platform (a link or mention in a post, or a link in the description). The same handle or the
   * same text on two platforms suggests a common owner but is no announcement: news is reposted
   * by many channels, handles are squatted; and its first sighting says nothing about when a move
   * began, which the flow baseline needs.
   */
  public boolean announcesMove() {
    return crossPlatform() && (POST_LINK.equals(evidence) || PROFILE_LINK.equals(evidence));
  }

  /** Whether this link is a pair Kooch inferred from evidence other than an announcement. */
  public boolean inferred() {
    return crossPlatform() && INFERRED.equals(evidence);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChannelLinkRow r)) {
      return false;
    }
    return firstSeen == r.firstSeen && Double.compare(confidence, r.confidence) == 0 && key().equals(r.key())
        && Objects.equals(postId, r.postId);
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return key() + "@" + firstSeen + " c=" + confidence;
  }
}
