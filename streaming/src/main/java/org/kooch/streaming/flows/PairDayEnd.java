package org.kooch.streaming.flows;

/**
 * One side's day-end count routed to a linked pair of channels. {@code side} 0 is the pair's first
 * channel (by key order), 1 the second. {@code linkDay} is the day the pair was first linked.
 */
public class PairDayEnd {
  public String pair;
  public int side;
  public long linkDay;
  /** How the pair was found ({@link FoundBy}). */
  public String foundBy;
  public DayEnd dayEnd;
  /** Set instead of a count: the common shock of this side's platform on {@code dayEnd.epochDay}. */
  public boolean isShock;
  public double shock;

  public PairDayEnd() {}

  /** The platform shock of day {@code epochDay} for one side of a pair. */
  public static PairDayEnd shock(PairLink link, long epochDay, double shock) {
    PairDayEnd p = new PairDayEnd(link, new DayEnd("", "", epochDay, Double.NaN, 0));
    p.isShock = true;
    p.shock = shock;
    return p;
  }

  public PairDayEnd(String pair, int side, long linkDay, DayEnd dayEnd) {
    this.pair = pair;
    this.side = side;
    this.linkDay = linkDay;
    this.dayEnd = dayEnd;
  }

  /** A day end of one side of {@code link}'s pair. */
  public PairDayEnd(PairLink link, DayEnd dayEnd) {
    this(link.pair, link.side, link.linkDay, dayEnd);
    this.foundBy = link.foundBy;
  }

  /** Canonical key of an unordered pair of channel keys. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }
}
