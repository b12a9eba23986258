package org.kooch.streaming.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kooch.streaming.links.ChannelLinkRow;

class AlertTriggerTest {
  private static final long T0 = 1_523_836_800_000L; // 2018-04-16
  private static final long NOW = 1_760_000_000_000L;

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelLinkRow, AlertRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = open(null);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void anAnnouncementRepeatedInManyPostsRaisesOneAlert() throws Exception {
    for (long post = 10; post < 20; post++) {
      add(link("telegram", "khamenei_ir", "soroush", "khamenei_ir", ChannelLinkRow.POST_LINK, T0 + post, post, 0.8));
    }
    // The same pair from the other side, and a stronger profile link: still the same pair.
    add(link("soroush", "khamenei_ir", "telegram", "khamenei_ir", ChannelLinkRow.PROFILE_LINK, T0, null, 0.9));

    List<AlertRow> alerts = harness.extractOutputValues();
    assertThat(alerts).hasSize(1);
    AlertRow a = alerts.get(0);
    assertThat(a.kind).isEqualTo(AlertRow.ANNOUNCED);
    assertThat(a.pair).isEqualTo("soroush/khamenei_ir|telegram/khamenei_ir");
    assertThat(a.alertId).isEqualTo(AlertRow.alertId(a.pair));
    assertThat(a.fromPlatform + "/" + a.fromChannel + ">" + a.toPlatform + "/" + a.toChannel)
        .isEqualTo("telegram/khamenei_ir>soroush/khamenei_ir");
    assertThat(a.evidence).isEqualTo(ChannelLinkRow.POST_LINK);
    assertThat(a.postId).isEqualTo(10L);
    assertThat(a.seenAt).isEqualTo(T0 + 10);
    assertThat(a.raisedAt).isEqualTo(NOW);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void anInferredPairRaisesAnInferredAlertOnce() throws Exception {
    add(link("telegram", "farsna", "gap", "farsna", ChannelLinkRow.INFERRED, T0, null, 0.85));
    add(link("telegram", "farsna", "gap", "farsna", ChannelLinkRow.INFERRED, T0, null, 0.95)); // stronger verdict later
    add(link("gap", "farsna", "telegram", "farsna", ChannelLinkRow.POST_LINK, T0 + 5, 3L, 0.8)); // announced afterwards

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.kind).isEqualTo(AlertRow.INFERRED);
      assertThat(a.evidence).isEqualTo(ChannelLinkRow.INFERRED);
      assertThat(a.confidence).isEqualTo(0.85);
      assertThat(a.postId).isNull();
    });
  }

  @Test
  void evidenceThatStartsNoMoveRaisesNothingAndKeepsNoState() throws Exception {
    add(link("telegram", "a", "soroush", "a", ChannelLinkRow.SAME_HANDLE, T0, null, 0.5));
    add(link("telegram", "a", "soroush", "a", ChannelLinkRow.SAME_CONTENT, T0, 4L, 0.9));
    add(link("telegram", "a", "soroush", "b", ChannelLinkRow.FORWARD, T0, 4L, 0.3));
    add(link("telegram", "a", "telegram", "b", ChannelLinkRow.POST_LINK, T0, 4L, 0.8)); // same platform: no move
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void eachPairHasItsOwnFlag() throws Exception {
    add(link("telegram", "a", "soroush", "a", ChannelLinkRow.POST_LINK, T0, 1L, 0.8));
    add(link("telegram", "a", "gap", "a", ChannelLinkRow.POST_LINK, T0, 1L, 0.8));
    add(link("telegram", "a", "eitaa", "a_ir", ChannelLinkRow.PROFILE_LINK, T0, null, 0.9));
    assertThat(harness.extractOutputValues()).extracting(a -> a.toPlatform).containsExactly("soroush", "gap", "eitaa");
    assertThat(harness.extractOutputValues()).extracting(a -> a.alertId).doesNotHaveDuplicates();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
  }

  @Test
  void aRestoredFlagRaisesNoSecondAlertOnReplay() throws Exception {
    ChannelLinkRow announcement = link("telegram", "a", "soroush", "a", ChannelLinkRow.POST_LINK, T0, 1L, 0.8);
    add(announcement);
    OperatorSubtaskState checkpoint = harness.snapshot(1, NOW);
    harness.close();

    harness = open(checkpoint);
    add(announcement); // the links after the checkpoint are read again
    add(link("telegram", "a", "gap", "a", ChannelLinkRow.POST_LINK, T0, 2L, 0.8));
    assertThat(harness.extractOutputValues()).extracting(a -> a.toPlatform).containsExactly("gap");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void theIdDependsOnThePairAloneNotOnItsDirectionOrEvidence() {
    AlertRow a = AlertRow.of(link("telegram", "a", "soroush", "a", ChannelLinkRow.POST_LINK, T0, 1L, 0.8), NOW);
    AlertRow b = AlertRow.of(link("soroush", "a", "telegram", "a", ChannelLinkRow.INFERRED, T0 + 9, null, 0.7), NOW + 9);
    assertThat(a.alertId).isEqualTo(b.alertId).hasSize(36);
    assertThat(AlertRow.of(link("telegram", "a", "gap", "a", ChannelLinkRow.POST_LINK, T0, 1L, 0.8), NOW).alertId).isNotEqualTo(a.alertId);
  }

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelLinkRow, AlertRow> open(OperatorSubtaskState restore) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, ChannelLinkRow, AlertRow> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new AlertTrigger()), AlertRow::pairOf, Types.STRING);
    h.setup();
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    h.setProcessingTime(NOW);
    return h;
  }

  private void add(ChannelLinkRow l) throws Exception {
    harness.processElement(l, l.firstSeen);
  }

  private static ChannelLinkRow link(String fromPlatform, String fromChannel, String toPlatform, String toChannel, String evidence,
      long firstSeen, Long postId, double confidence) {
    return new ChannelLinkRow(fromPlatform, fromChannel, toPlatform, toChannel, evidence, firstSeen, postId, confidence);
  }
}
