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
  }

  boolean sameFigures(FlowCandidate o) {
    return o != null && Math.round(loss) == Math.round(o.loss) && Math.round(gain) == Math.round(o.gain)
        && Math.round(lossRaw) == Math.round(o.lossRaw) && Math.round(gainRaw) == Math.round(o.gainRaw)
        && Math.round(lossUncertainty) == Math.round(o.lossUncertainty) && Math.round(gainUncertainty) == Math.round(o.gainUncertainty);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowCandidate c && c.day == day && Objects.equals(c.from, from) && Objects.equals(c.to, to) && sameFigures(c);
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
