package org.kooch.streaming.flows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The estimator's arithmetic for one linked pair (docs/tables.md, "How flows are estimated"). Each
 * side's daily series is completed (short gaps interpolated; a channel first seen at or after the
 * link starts from zero), its baseline growth rate and noise are learnt from the
 * {@link #BASELINE_DAYS} days before the link (median and MAD of relative daily changes, robust
 * to outliers), and from the link day on each day yields, per direction, the source's excess loss
 * and the target's excess gain against those baselines.
 */
public final class PairBaseline {
  static final int BASELINE_DAYS = 21;
  static final int MAX_GAP_DAYS = 5;
  static final int MIN_BASELINE_POINTS = 3;
  /** Days after the link day from which daily excess changes are smoothed (see Side#excess). */
  static final int SMOOTH_FROM = 2;
  /** From here on, five days are averaged: flows have slowed down, noise dominates. */
  static final int WIDE_SMOOTH_FROM = 5;

  /** A count whose uncertainty exceeds this share of it cannot show a day's change. */
  static final double IMPRECISE = 0.001;

  private PairBaseline() {}

  /** Whether a day-end count is too imprecise to measure a daily change with ({@link #IMPRECISE}). */
  static boolean imprecise(double value, double uncertainty) {
    return uncertainty > IMPRECISE * Math.abs(value);
  }

  static double median(List<Double> xs) {
    return Side.medianOf(xs);
  }

  /** Candidates for both directions on every day from the link day on where both sides are known. */
  public static List<FlowCandidate> candidates(String keyA, TreeMap<Long, double[]> a, String keyB, TreeMap<Long, double[]> b, long linkDay) {
    return candidates(keyA, a, Map.of(), keyB, b, Map.of(), linkDay);
  }

  /**
   * As above, with each platform's common shock per day ({@link PlatformShockEstimator}): the
   * adjusted loss and gain are measured against trend plus shock (a ban that hits every channel is
   * not a move), the raw ones against the trend alone. The truth lies between: some of those who
   * left with the shock may have followed the owner.
   */
  public static List<FlowCandidate> candidates(String keyA, TreeMap<Long, double[]> a, Map<Long, Double> shockA,
      String keyB, TreeMap<Long, double[]> b, Map<Long, Double> shockB, long linkDay) {
    List<FlowCandidate> out = new ArrayList<>();
    if (a.isEmpty() || b.isEmpty()) {
      return out;
    }
    long first = linkDay - BASELINE_DAYS - 1;
    long last = Math.max(a.lastKey(), b.lastKey());
    if (last < linkDay) {
      return out;
    }
    Side sa = Side.of(a, first, last, linkDay);
    Side sb = Side.of(b, first, last, linkDay);
    for (long d = linkDay; d <= last; d++) {
      int i = (int) (d - first);
      if (!sa.known(i) || !sb.known(i)) {
        continue;
      }
      double xa = shockA.getOrDefault(d, 0.0);
      double xb = shockB.getOrDefault(d, 0.0);
      FlowCandidate ab = new FlowCandidate(d, keyA, keyB, sa.loss(i, xa), sa.loss(i, 0), sa.uncertainty(i), sb.gain(i, xb), sb.gain(i, 0), sb.uncertainty(i));
      ab.withDaily(-sa.daily(i, xa), sb.daily(i, xb));
      FlowCandidate ba = new FlowCandidate(d, keyB, keyA, sb.loss(i, xb), sb.loss(i, 0), sb.uncertainty(i), sa.gain(i, xa), sa.gain(i, 0), sa.uncertainty(i));
      ba.withDaily(-sb.daily(i, xb), sa.daily(i, xa));
      out.add(ab);
      out.add(ba);
    }
    return out;
  }

  /** One channel's completed series over [first, last] with its baseline. */
  static final class Side {
    final double[] v;
    final double[] u;
    int linkIndex;
    double rate;
    double noise;

    private Side(int n) {
      v = new double[n];
      u = new double[n];
      Arrays.fill(v, Double.NaN);
    }

    static Side of(TreeMap<Long, double[]> series, long first, long last, long linkDay) {
      Side s = new Side((int) (last - first + 1));
      for (Map.Entry<Long, double[]> e : series.subMap(first, true, last, true).entrySet()) {
        int i = (int) (e.getKey() - first);
        s.v[i] = e.getValue()[0];
        s.u[i] = e.getValue()[1];
      }
      long firstSeen = series.firstKey();
      if (firstSeen >= linkDay && firstSeen - 1 >= first) {
        // A channel opened for the move had nobody before the announcement: when its first days
        // were not observed, what it has when first seen (within a short gap) joined from the
        // link day on (interpolated below), not all on the day before it was first seen.
        long zero = firstSeen - linkDay <= MAX_GAP_DAYS ? linkDay - 1 : firstSeen - 1;
        int i = (int) (zero - first);
        s.v[i] = 0;
        s.u[i] = 0;
      }
      s.fillGaps();
      s.linkIndex = (int) (linkDay - first);
      s.learnBaseline(s.linkIndex);
      return s;
    }

    boolean known(int i) {
      return i >= 1 && !Double.isNaN(v[i]) && !Double.isNaN(v[i - 1]);
    }

    double delta(int i) {
      return v[i] - v[i - 1];
    }

    /** Loss beyond the trend plus the platform's common shock of the day. */
    double loss(int i, double shock) {
      return Math.max(0, excess(i, shock, -1));
    }

    double gain(int i, double shock) {
      return Math.max(0, excess(i, shock, 1));
    }

    /**
     * Signed change beyond trend and shock ({@code sign} -1: loss, 1: gain). On the link day it is
     * measured from two days before (see the comment there). From the third day of a move on it
     * is averaged over the day and its neighbours (from the sixth, two on each side) before
     * clipping at zero: after the first days, real flows change slowly while count noise flips
     * sign from day to day, and clipping single noisy days would turn noise into flow.
     */
    private double excess(int i, double shock, int sign) {
      int half = i >= linkIndex + WIDE_SMOOTH_FROM ? 2 : i >= linkIndex + SMOOTH_FROM ? 1 : 0;
      while (half > 0 && (i + half >= v.length || !known(i - half) || !known(i + half))) {
        half--;
      }
      if (i == linkIndex) {
        return sign * daily(i, shock);
      }
      double sum = 0;
      for (int j = i - half; j <= i + half; j++) {
        sum += delta(j) - (rate + shock) * v[j - 1];
      }
      return sign * sum / (2 * half + 1);
    }

    /**
     * The day's own change beyond trend and shock, signed (a gain is positive), not smoothed: the
     * sum over days telescopes to the change over the whole move, whose noise is that of two
     * counts only.
     */
    double daily(int i, double shock) {
      if (i == linkIndex && known(i - 1)) {
        // Nothing moved before the first announcement, but the day end before it is interpolated
        // from observations around it, which may lie after the move began: the link day's excess
        // is measured from two days before, so a drop read into the eve still counts.
        return v[i] - v[i - 2] - (rate + shock) * v[i - 1] - rate * v[i - 2];
      }
      return delta(i) - (rate + shock) * v[i - 1];
    }

    double uncertainty(int i) {
      return u[i] + u[i - 1] + 2 * noise;
    }

    private void fillGaps() {
      int prev = -1;
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i])) {
          continue;
        }
        if (prev >= 0 && i - prev > 1 && i - prev - 1 <= MAX_GAP_DAYS) {
          for (int j = prev + 1; j < i; j++) {
            double f = (double) (j - prev) / (i - prev);
            v[j] = v[prev] + f * (v[i] - v[prev]);
            // An interpolated day is only known to lie between its neighbours.
            u[j] = Math.max(u[prev], u[i]) + Math.abs(v[i] - v[prev]) / 2;
          }
        }
        prev = i;
      }
    }

    private void learnBaseline(int linkIndex) {
      List<Double> rates = new ArrayList<>();
      List<Double> deltas = new ArrayList<>();
      List<Double> prevs = new ArrayList<>();
      for (int i = Math.max(1, linkIndex - BASELINE_DAYS); i < linkIndex && i < v.length; i++) {
        if (known(i) && v[i - 1] > 0) {
          rates.add(delta(i) / v[i - 1]);
          deltas.add(delta(i));
          prevs.add(v[i - 1]);
        }
      }
      if (rates.size() < MIN_BASELINE_POINTS) {
        return;
      }
      rate = medianOf(rates);
      List<Double> residuals = new ArrayList<>();
      for (int k = 0; k < deltas.size(); k++) {
        residuals.add(Math.abs(deltas.get(k) - rate * prevs.get(k)));
      }
      noise = 1.4826 * medianOf(residuals);
    }

    static double medianOf(List<Double> xs) {
      List<Double> s = new ArrayList<>(xs);
      s.sort(Double::compare);
      int n = s.size();
      return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
  }
}
