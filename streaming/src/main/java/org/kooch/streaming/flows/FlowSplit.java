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

  /** The share of the loss side in a flow estimate that also has a ratio side ({@link #rows(long, List, double)}). */
  static final double LOSS_WEIGHT = 0.5;

  /**
   * The share of a source's joiners elsewhere who left it, over its whole move: the sum of its
   * daily losses over the sum of its targets' daily gains (each beyond trend and shock, signed,
   * from the link day on), within [0, 1], to two decimals; NaN when the targets gained nothing.
   * Sums telescope to changes over the whole move, so unlike a day's loss the ratio carries the
   * noise of a few counts only; two decimals, because a finer change is noise and every change
   * re-estimates the source's whole move.
   */
  public static double ratio(Iterable<? extends Iterable<FlowCandidate>> days) {
    double loss = 0;
    double gain = 0;
    for (Iterable<FlowCandidate> day : days) {
      double dayLoss = 0;
      int n = 0;
      for (FlowCandidate c : day) {
        dayLoss += c.lossDaily; // every pair sees the same source: their mean
        n++;
        gain += c.gainDaily;
      }
      loss += n == 0 ? 0 : dayLoss / n;
    }
    if (!(gain > 0)) {
      return Double.NaN;
    }
    return Math.round(Math.max(0, Math.min(1, loss / gain)) * 100) / 100.0;
  }

  /** Rows for one source and day from the day's loss and gains alone (no ratio side). */
  public static List<ChannelFlowRow> rows(long day, List<FlowCandidate> candidates) {
    return rows(day, candidates, Double.NaN);
  }

  /**
   * Rows for one source and day: the estimate, and its range from the counts' uncertainty. The
   * estimate averages two sides: the day's loss split across the targets by their gains (unbiased,
   * but a big source's day-to-day count noise is as large as a late day's flow), and the target's
   * own gain that day times the source's {@link #ratio} (precise, as a new channel's counts are
   * small and exact, but assuming the share of joiners who left changes little over a move).
   */
  public static List<ChannelFlowRow> rows(long day, List<FlowCandidate> candidates, double ratio) {
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
      double estimate = Double.isNaN(ratio) ? mid[i] : LOSS_WEIGHT * mid[i] + (1 - LOSS_WEIGHT) * ratio * Math.max(0, c.gainDaily);
      long m = Math.round(estimate);
      ChannelFlowRow row = new ChannelFlowRow(day, c.from, c.to, m, Math.min(m, Math.round(lo[i])), Math.max(m, Math.round(hi[i])));
      row.foundBy = FoundBy.orAnnounced(c.foundBy);
      rows.add(row);
    }
    return rows;
  }
}
