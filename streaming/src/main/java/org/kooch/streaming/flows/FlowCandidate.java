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
  public double loss;
  public double lossUncertainty;
  public double gain;
  public double gainUncertainty;

  public FlowCandidate() {}

  public FlowCandidate(long day, String from, String to, double loss, double lossUncertainty, double gain, double gainUncertainty) {
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
