package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PlatformShockEstimatorTest {
  @Test
  void aDropSharedByUnlinkedChannelsIsAShockAndALinkedChannelsMoveIsNot() throws Exception {
    sharedDropIsAShock(null);
  }

  /** The same with state in RocksDB, which keeps only what is written back to state (each control's trend). */
  @Test
  void aDropSharedByUnlinkedChannelsIsAShockWithStateInRocksDb() throws Exception {
    sharedDropIsAShock(new EmbeddedRocksDBStateBackend(true));
  }

  private void sharedDropIsAShock(StateBackend backend) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new PlatformShockEstimator()), c -> c.dayEnd.platform, Types.STRING)) {
      if (backend != null) {
        h.setStateBackend(backend);
      }
      h.open();
      for (String channel : new String[] {"control_a", "control_b"}) {
        double v = 1_000;
        for (long d = 0; d <= 10; d++) {
          v = d == 0 ? v : d == 8 ? v * 0.99 : v * 1.01; // +1% a day, -1% on day 8 (a ban)
          add(h, channel, d, v, Long.MAX_VALUE);
        }
      }
      double m = 5_000;
      for (long d = 0; d <= 10; d++) {
        m = d == 9 ? m * 0.5 : m * 1.01; // linked from day 5: its move on day 9 is no shock
        add(h, "mover", d, m, 5);
      }
      assertThat(h.extractOutputValues()).as("nothing before the watermark").isEmpty();
      h.processWatermark(Long.MAX_VALUE);
      Map<Long, Double> latest = latest(h);
      assertThat(latest.get(8L)).isCloseTo(-0.02, within(1e-9));
      assertThat(latest.getOrDefault(9L, 0.0)).isCloseTo(0.0, within(1e-9));
      assertThat(latest.getOrDefault(3L, 0.0)).isCloseTo(0.0, within(1e-9));
      if (backend == null) {
        assertThat(h.numKeyedStateEntries()).isEqualTo(3); // the channels' series, the measured shocks, the shocks sent
      }
    }
  }

  @Test
  void aControlCountKnownOnlyFromARoundedCounterGivesNoShock() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new PlatformShockEstimator()), c -> c.dayEnd.platform, Types.STRING)) {
      h.open();
      for (String channel : new String[] {"control_a", "control_b", "control_c"}) {
        double v = 1_200_000;
        for (long d = 0; d <= 10; d++) {
          v = d == 0 ? v : v * 1.001;
          // control_b's day 6 is read off "1.2M" (±50,000): 1,150,000 would be a 4% drop on day 6
          // and a 4% rise on day 7. As one of two controls left it would set both days' shock.
          boolean rounded = channel.equals("control_b") && d == 6;
          h.processElement(new ControlDayEnd(new DayEnd("telegram", channel, d, rounded ? 1_150_000 : v, rounded ? 50_000 : 0),
              channel.equals("control_c") ? 5 : Long.MAX_VALUE), 0);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      Map<Long, Double> latest = latest(h);
      // Only control_a is left on days 6 and 7 (control_c moves from day 5): too few to measure a
      // shock, so those days take the line between days 5 and 8, both without one.
      assertThat(latest.getOrDefault(6L, 0.0)).isCloseTo(0.0, within(1e-9));
      assertThat(latest.getOrDefault(7L, 0.0)).isCloseTo(0.0, within(1e-9));
      assertThat(latest.getOrDefault(8L, 0.0)).isCloseTo(0.0, within(1e-9));
    }
  }

  @Test
  void aBanGoesOnThroughDaysWithTooFewPreciseControls() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new PlatformShockEstimator()), c -> c.dayEnd.platform, Types.STRING)) {
      h.open();
      for (String channel : new String[] {"control_b", "control_a"}) {
        double v = 1_200_000;
        for (long d = 0; d <= 14; d++) {
          // +0.1% a day; a ban from day 6 to day 9 takes 1% more a day (-0.9%), fading from day 8
          v = d == 0 ? v : d >= 6 && d <= 9 ? v * (1 - 0.009 + (d - 6) * 0.001) : v * 1.001;
          boolean rounded = channel.equals("control_b") && d == 7; // "1.2M": no change on days 7 and 8
          h.processElement(new ControlDayEnd(new DayEnd("telegram", channel, d, v, rounded ? 50_000 : 0), Long.MAX_VALUE), 0);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      Map<Long, Double> latest = latest(h);
      assertThat(latest.get(6L)).isCloseTo(-0.010, within(1e-9));
      // Days 7 and 8 have control_a alone: a third and two thirds of the way to day 9's -0.7%.
      assertThat(latest.get(7L)).isCloseTo(-0.009, within(1e-9));
      assertThat(latest.get(8L)).isCloseTo(-0.008, within(1e-9));
      assertThat(latest.get(9L)).isCloseTo(-0.007, within(1e-9));
      assertThat(latest.getOrDefault(10L, 0.0)).isCloseTo(0.0, within(1e-9));
    }
  }

  @Test
  void aLateCorrectionAfterAWatermarkChangesOnlyTheShocksItMoves() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h = harness()) {
      h.open();
      for (String channel : new String[] {"control_a", "control_b", "control_c"}) {
        double v = 1_000;
        for (long d = 0; d <= 10; d++) {
          v = d == 0 ? v : d == 8 ? v * 0.98 : v * 1.01;
          add(h, channel, d, v, Long.MAX_VALUE);
        }
      }
      h.processWatermark(100);
      assertThat(latest(h).get(8L)).isCloseTo(-0.03, within(1e-9));
      int before = h.extractOutputValues().size();
      // Day 8 of two controls was really a 5% drop: the median moves; a second watermark without
      // input emits nothing more.
      for (String channel : new String[] {"control_a", "control_b"}) {
        add(h, channel, 8, 1_000 * Math.pow(1.01, 7) * 0.95, Long.MAX_VALUE);
      }
      h.processWatermark(200);
      h.processWatermark(300);
      Map<Long, Double> latest = latest(h);
      assertThat(latest.get(8L)).as("median of the controls' excess on day 8").isLessThan(-0.05);
      assertThat(h.extractOutputValues().size()).isGreaterThan(before);
      int after = h.extractOutputValues().size();
      h.processWatermark(400);
      assertThat(h.extractOutputValues()).hasSize(after);
    }
  }

  @Test
  void shocksDoNotDependOnTheOrderCountsArrivedIn() throws Exception {
    java.util.List<ControlDayEnd> inputs = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int c = 0; c < 6; c++) {
      double v = 1_000 + c * 100;
      for (long d = 0; d <= 20; d++) {
        v *= 1 + (random.nextGaussian() * 0.01) + (d == 12 ? -0.05 : 0);
        inputs.add(new ControlDayEnd(new DayEnd("telegram", "ch" + c, d, v, 0), c == 5 ? 10 : Long.MAX_VALUE));
      }
    }
    Map<Long, Double> inOrder = run(inputs, false);
    java.util.Collections.shuffle(inputs, new java.util.Random(42));
    Map<Long, Double> shuffled = run(inputs, true);
    assertThat(inOrder.get(12L)).isLessThan(-0.03);
    assertThat(shuffled).isEqualTo(inOrder);
  }

  /** The shocks after feeding {@code inputs}, with a watermark every few inputs or only at the end. */
  private static Map<Long, Double> run(java.util.List<ControlDayEnd> inputs, boolean watermarksBetween) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h = harness()) {
      h.open();
      long wm = 0;
      for (int i = 0; i < inputs.size(); i++) {
        h.processElement(inputs.get(i), 0);
        if (watermarksBetween && i % 7 == 0) {
          h.processWatermark(++wm);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      Map<Long, Double> latest = latest(h);
      latest.values().removeIf(v -> v == 0.0);
      return latest;
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PlatformShockEstimator()), c -> c.dayEnd.platform, Types.STRING);
  }

  private static Map<Long, Double> latest(KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h) {
    Map<Long, Double> latest = new HashMap<>();
    h.extractOutputValues().forEach(s -> latest.put(s.epochDay, s.rate));
    return latest;
  }

  private static void add(KeyedOneInputStreamOperatorTestHarness<String, ControlDayEnd, ShockDay> h,
      String channel, long day, double value, long linkedSince) throws Exception {
    h.processElement(new ControlDayEnd(new DayEnd("telegram", channel, day, value, 0), linkedSince), 0);
  }
}
