package org.kooch.streaming.flows;

import java.util.Objects;

/**
 * What one linked pair says about one day in one direction: the source's loss beyond its
 * baseline and the target's gain beyond its own, each with the uncertainty of the counts.
 */
public class FlowCandidate {
  public long day;
  public String from;
  public String to;
  /** Loss beyond trend and platform shock (the estimate). */
  public double loss;
  /** Loss beyond trend alone (the upper end: every leaver might have followed). */
  public double lossRaw;
  public double lossUncertainty;
  public double gain;
  public double gainRaw;
  public double gainUncertainty;
  /** The source's loss beyond trend and shock on this day alone, signed and not smoothed (see {@link FlowSplit#ratio}). */
  public double lossDaily;
  /** The target's gain beyond its trend and shock on this day alone, signed and not smoothed. */
  public double gainDaily;
  /** How the pair was found ({@link FoundBy}). */
  public String foundBy = FoundBy.ANNOUNCED;

  public FlowCandidate() {}

  public FlowCandidate(long day, String from, String to, double loss, double lossUncertainty, double gain, double gainUncertainty) {
    this(day, from, to, loss, loss, lossUncertainty, gain, gain, gainUncertainty);
  }

  public FlowCandidate(long day, String from, String to, double loss, double lossRaw, double lossUncertainty,
      double gain, double gainRaw, double gainUncertainty) {
    this.lossRaw = lossRaw;
    this.gainRaw = gainRaw;
    this.day = day;
    this.from = from;
    this.to = to;
    this.loss = loss;
    this.lossUncertainty = lossUncertainty;
    this.gain = gain;
    this.gainUncertainty = gainUncertainty;
    this.lossDaily = loss;
    this.gainDaily = gain;
  }

  /** Sets the day's own signed loss and gain ({@link #lossDaily}, {@link #gainDaily}); returns this. */
  public FlowCandidate withDaily(double lossDaily, double gainDaily) {
    this.lossDaily = lossDaily;
    this.gainDaily = gainDaily;
    return this;
  }

  /**
   * Exactly the same figures. Not rounded: a change below one subscriber must still reach the
   * split, or the final rounding would depend on the order the updates came in.
   */
  boolean sameFigures(FlowCandidate o) {
    return o != null && Double.compare(loss, o.loss) == 0 && Double.compare(gain, o.gain) == 0
        && Double.compare(lossRaw, o.lossRaw) == 0 && Double.compare(gainRaw, o.gainRaw) == 0
        && Double.compare(lossUncertainty, o.lossUncertainty) == 0 && Double.compare(gainUncertainty, o.gainUncertainty) == 0
        && Double.compare(lossDaily, o.lossDaily) == 0 && Double.compare(gainDaily, o.gainDaily) == 0
        && Objects.equals(foundBy, o.foundBy);
  }

  @Override
  public boolean equals(Object o) {
    // Equal to the subscriber in the figures a range is made of (emission compares exactly and
    // also the daily figures, sameFigures).
    return o instanceof FlowCandidate c && c.day == day && Objects.equals(c.from, from) && Objects.equals(c.to, to)
        && Math.round(loss) == Math.round(c.loss) && Math.round(gain) == Math.round(c.gain)
        && Math.round(lossRaw) == Math.round(c.lossRaw) && Math.round(gainRaw) == Math.round(c.gainRaw)
        && Math.round(lossUncertainty) == Math.round(c.lossUncertainty) && Math.round(gainUncertainty) == Math.round(c.gainUncertainty);
  }

  @Override
  public int hashCode() {
    return Objects.hash(day, from, to);
  }

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(day) + " " + from + "->" + to + " loss=" + Math.round(loss) + " gain=" + Math.round(gain);
  }
}
