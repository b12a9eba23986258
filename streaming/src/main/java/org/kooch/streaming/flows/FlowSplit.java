package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source's excess loss across its targets: a flow is the part both sides support, so a
 * target gets its excess gain when the source lost at least the sum of all targets' gains, and
 * otherwise its share of the loss in proportion to its gain.
 */
public final class FlowSplit {
  private FlowSplit() {}

  /** Flows per target, in the order of {@code gains}. */
  public static double[] split(double loss, double[] gains) {
    double total = 0;
    for (double g : gains) {
      total += Math.max(0, g);
    }
    double[] flows = new double[gains.length];
    for (int i = 0; i < gains.length; i++) {
      double g = Math.max(0, gains[i]);
      flows[i] = total <= loss ? g : (total == 0 ? 0 : Math.max(0, loss) * g / total);
    }
    return flows;
  }

  /** Rows for one source and day: the estimate, and its range from the counts' uncertainty. */
  public static List<ChannelFlowRow> rows(long day, List<FlowCandidate> candidates) {
    int n = candidates.size();
    double loss = 0;
    double lossRaw = 0;
    double lossU = 0;
    double[] gains = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    for (int i = 0; i < n; i++) {
      FlowCandidate c = candidates.get(i);
      loss = Math.max(loss, c.loss);
      lossRaw = Math.max(lossRaw, c.lossRaw);
      lossU = Math.max(lossU, c.lossUncertainty);
      gains[i] = c.gain;
      low[i] = c.gain - c.gainUncertainty;
      high[i] = Math.max(c.gain, c.gainRaw) + c.gainUncertainty;
    }
    double[] mid = split(loss, gains);
    double[] lo = split(loss - lossU, low);
    // Upper end: every leaver beyond the trend might have followed (also those of a platform shock).
    double[] hi = split(Math.max(loss, lossRaw) + lossU, high);
    List<ChannelFlowRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FlowCandidate c = candidates.get(i);
      long m = Math.round(mid[i]);
      rows.add(new ChannelFlowRow(day, c.from, c.to, m, Math.min(m, Math.round(lo[i])), Math.max(m, Math.round(hi[i]))));
    }
    return rows;
  }
}
