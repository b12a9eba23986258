package org.kooch.streaming.flows;

/** Tells one channel that it belongs to a linked cross-platform pair since {@code linkDay}. */
public class PairLink {
  public String channel;
  public String pair;
  public int side;
  public long linkDay;

  public PairLink() {}

  public PairLink(String channel, String pair, int side, long linkDay) {
    this.channel = channel;
    this.pair = pair;
    this.side = side;
    this.linkDay = linkDay;
  }
}
