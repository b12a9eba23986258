package org.kooch.streaming.flows;

/**
 * Tells one channel that it belongs to a linked cross-platform pair since {@code linkDay}, found
 * as {@code foundBy} ({@link FoundBy}).
 */
public class PairLink {
  public String channel;
  public String pair;
  public int side;
  public long linkDay;
  public String foundBy;

  public PairLink() {}

  public PairLink(String channel, String pair, int side, long linkDay, String foundBy) {
    this.channel = channel;
    this.pair = pair;
    this.side = side;
    this.linkDay = linkDay;
    this.foundBy = foundBy;
  }

  /**
   * This link with {@code other}'s news about the same pair side: the earlier link day, and
   * announced if either is; returns null when {@code other} adds nothing.
   */
  PairLink mergedWith(PairLink other) {
    long day = Math.min(linkDay, other.linkDay);
    String kind = FoundBy.merge(FoundBy.orAnnounced(foundBy), FoundBy.orAnnounced(other.foundBy));
    if (day == linkDay && kind.equals(FoundBy.orAnnounced(foundBy))) {
      return null;
    }
    return new PairLink(other.channel, other.pair, other.side, day, kind);
  }
}
