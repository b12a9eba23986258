package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkRouterTest {
  private static final String TELEGRAM = "telegram/khamenei_ir";
  private static final String SOROUSH_PAIR = PairDayEnd.pairKey(TELEGRAM, "soroush/khamenei_ir");
  private static final String GAP_PAIR = PairDayEnd.pairKey(TELEGRAM, "gap/khamenei_ir");

  private KeyedTwoInputStreamOperatorTestHarness<String, DayEnd, PairLink, PairDayEnd> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new LinkRouter()), DayEnd::key, l -> l.channel, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void dayEndsBeforeTheLinkAreReplayedWhenItArrives() throws Exception {
    for (long d = 100; d <= 103; d++) {
      dayEnd(d);
    }
    assertThat(harness.extractOutputValues()).isEmpty(); // no pair yet
    link(SOROUSH_PAIR, 1, 103);
    List<PairDayEnd> out = harness.extractOutputValues();
    assertThat(out).extracting(p -> p.dayEnd.epochDay).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
    assertThat(out).allSatisfy(p -> {
      assertThat(p.pair).isEqualTo(SOROUSH_PAIR);
      assertThat(p.side).isEqualTo(1);
      assertThat(p.linkDay).isEqualTo(103);
    });
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // history and pairs of the one channel
  }

  @Test
  void laterDayEndsGoToEveryPairOfTheChannel() throws Exception {
    dayEnd(100);
    link(SOROUSH_PAIR, 1, 100);
    link(GAP_PAIR, 1, 101);
    int before = harness.extractOutputValues().size();
    assertThat(before).isEqualTo(2);
    dayEnd(101);
    List<PairDayEnd> out = harness.extractOutputValues().subList(before, harness.extractOutputValues().size());
    assertThat(out).extracting(p -> p.pair + "@" + p.linkDay + ":" + p.dayEnd.epochDay)
        .containsExactlyInAnyOrder(SOROUSH_PAIR + "@100:101", GAP_PAIR + "@101:101");
  }

  @Test
  void anEarlierLinkDayReplaysTheHistoryAgainAndALaterOneIsIgnored() throws Exception {
    dayEnd(100);
    dayEnd(101);
    link(SOROUSH_PAIR, 1, 101);
    link(SOROUSH_PAIR, 1, 105); // the same pair seen again later: nothing new
    assertThat(harness.extractOutputValues()).hasSize(2);
    link(SOROUSH_PAIR, 1, 99); // an earlier announcement found
    List<PairDayEnd> out = harness.extractOutputValues();
    assertThat(out).hasSize(4);
    assertThat(out.subList(2, 4)).allSatisfy(p -> assertThat(p.linkDay).isEqualTo(99));
    dayEnd(102);
    assertThat(harness.extractOutputValues().get(4).linkDay).isEqualTo(99);
  }

  @Test
  void channelsAreKeptApart() throws Exception {
    dayEnd(100);
    DayEnd other = new DayEnd("telegram", "leader_ir", 100, 5_001, 0);
    harness.processElement1(other, 0);
    link(SOROUSH_PAIR, 1, 100);
    assertThat(harness.extractOutputValues()).extracting(p -> p.dayEnd.key()).containsExactly(TELEGRAM);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
  }

  private void dayEnd(long day) throws Exception {
    harness.processElement1(new DayEnd("telegram", "khamenei_ir", day, 10_000 + day, 0), 0);
  }

  private void link(String pair, int side, long day) throws Exception {
    harness.processElement2(new PairLink(TELEGRAM, pair, side, day, FoundBy.ANNOUNCED), 0);
  }
}
