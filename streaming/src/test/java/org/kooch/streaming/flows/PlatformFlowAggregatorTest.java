package org.kooch.streaming.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformFlowAggregatorTest {
  private static final long DAY = 17_000;

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelFlowRow, MigrationFlowRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PlatformFlowAggregator()), ChannelFlowRow::platformPair, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void sumsTheLatestChannelFlowsOfEachDay() throws Exception {
    add(new ChannelFlowRow(DAY, "telegram/khamenei_ir", "soroush/khamenei_ir", 100, 90, 110));
    add(new ChannelFlowRow(DAY, "telegram/rouhani_ir", "soroush/rouhani_ir", 50, 40, 60));
    add(new ChannelFlowRow(DAY, "telegram/khamenei_ir", "soroush/khamenei_ir", 0, 0, 5)); // corrected to zero
    add(new ChannelFlowRow(DAY + 1, "telegram/khamenei_ir", "soroush/khamenei_ir", 70, 60, 80));
    List<MigrationFlowRow> out = harness.extractOutputValues();
    assertThat(out).extracting(MigrationFlowRow::toString).containsExactly(
        "2016-07-18 telegram>soroush 100 [90..110] pairs=1 inferred=0/0",
        "2016-07-18 telegram>soroush 150 [130..170] pairs=2 inferred=0/0",
        "2016-07-18 telegram>soroush 50 [40..65] pairs=1 inferred=0/0", // a zero flow is no channel pair
        "2016-07-19 telegram>soroush 70 [60..80] pairs=1 inferred=0/0");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void flowsOnInferredPairsAreAlsoSummedApart() throws Exception {
    add(new ChannelFlowRow(DAY, "telegram/khamenei_ir", "soroush/khamenei_ir", 100, 90, 110));
    ChannelFlowRow inferred = new ChannelFlowRow(DAY, "telegram/farsna", "soroush/farsna", 30, 20, 40);
    inferred.foundBy = FoundBy.INFERRED;
    add(inferred);
    ChannelFlowRow announcedLater = new ChannelFlowRow(DAY, "telegram/farsna", "soroush/farsna", 30, 20, 40);
    add(announcedLater);
    assertThat(harness.extractOutputValues()).extracting(MigrationFlowRow::toString).containsExactly(
        "2016-07-18 telegram>soroush 100 [90..110] pairs=1 inferred=0/0",
        "2016-07-18 telegram>soroush 130 [110..150] pairs=2 inferred=30/1",
        "2016-07-18 telegram>soroush 130 [110..150] pairs=2 inferred=0/0");
  }

  @Test
  void platformPairsAreKeptApart() throws Exception {
    add(new ChannelFlowRow(DAY, "telegram/khamenei_ir", "soroush/khamenei_ir", 100, 90, 110));
    add(new ChannelFlowRow(DAY, "telegram/khamenei_ir", "gap/khamenei_ir", 10, 5, 15));
    assertThat(harness.extractOutputValues()).extracting(m -> m.toPlatform + ":" + m.flow).containsExactly("soroush:100", "gap:10");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  private void add(ChannelFlowRow r) throws Exception {
    harness.processElement(r, 0);
  }
}
