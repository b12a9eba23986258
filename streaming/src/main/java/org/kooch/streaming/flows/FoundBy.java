package org.kooch.streaming.flows;

import org.kooch.streaming.links.ChannelLinkRow;

/**
 * How a pair of accounts was found: {@link #ANNOUNCED} (a post or profile of one links the other)
 * or {@link #INFERRED} ({@code PairInference}: shared posts, forwards, the same handle). An
 * announcement wins: a pair found both ways is announced. Null, in state written before pairs were
 * inferred, means announced.
 */
public final class FoundBy {
  public static final String ANNOUNCED = "announced";
  public static final String INFERRED = "inferred";

  private FoundBy() {}

  /** How the link found its pair. */
  public static String of(ChannelLinkRow link) {
    return link.inferred() ? INFERRED : ANNOUNCED;
  }

  /** Null as announced. */
  public static String orAnnounced(String foundBy) {
    return foundBy == null ? ANNOUNCED : foundBy;
  }

  /** The pair's kind given two findings: announced if either was. */
  public static String merge(String a, String b) {
    return INFERRED.equals(a) && INFERRED.equals(b) ? INFERRED : ANNOUNCED;
  }
}
