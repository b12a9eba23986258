package org.kooch.streaming.links;

import java.util.HashSet;

/**
 * What {@link PairInference} knows of one unordered pair of accounts on two platforms: the
 * evidence that they share an owner, other than an announcement.
 */
public class PairEvidence {
  /** Distinct posts of each kind counted; more add nothing that matters. */
  static final int MAX_POSTS = 16;

  /** The pair was announced (a post or profile links one to the other): it needs no inference. */
  public boolean announced;
  public boolean sameHandle;
  /** With the same handle: when the pair's first and second account (by key order) were first seen. */
  public long firstSideSeen = Long.MAX_VALUE;
  public long secondSideSeen = Long.MAX_VALUE;
  /** Posts (platform/channel/id of the later one) near-identical to a post of the other account. */
  public HashSet<String> sameContentPosts = new HashSet<>();
  /** Posts of one account forwarded from the other. */
  public HashSet<String> forwardedPosts = new HashSet<>();
  /** Publication time of the earliest shared post, or {@link Long#MAX_VALUE} before any. */
  public long firstShared = Long.MAX_VALUE;
  /** Shared posts published first on the pair's first account (by key order) minus those first on the second. */
  public int firstSideLeads;
  /** The verdict last emitted: its confidence (0: none yet), first_seen and direction. */
  public double emittedConfidence;
  public long emittedFirstSeen = Long.MAX_VALUE;
  public boolean emittedFromFirstSide;

  public PairEvidence() {}
}
