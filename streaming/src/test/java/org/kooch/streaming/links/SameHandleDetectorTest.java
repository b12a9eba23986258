package org.kooch.streaming.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kooch.streaming.daily.ChannelEvent;

class SameHandleDetectorTest {
  private KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelLinkRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SameHandleDetector()), e -> e.channel, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void theSameHandleOnASecondPlatformIsOneLinkOrderedByPlatformId() throws Exception {
    add(event("telegram", "khamenei_ir", 1_000));
    add(event("telegram", "khamenei_ir", 2_000));
    assertThat(harness.extractOutputValues()).isEmpty();
    add(event("soroush", "khamenei_ir", 5_000));
    add(event("soroush", "khamenei_ir", 6_000));
    // soroush < telegram; first seen: when both accounts were known
    assertThat(harness.extractOutputValues()).containsExactly(sameHandle("soroush", "telegram", 5_000));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void anEarlierSightingReEmitsWithTheEarlierFirstSeen() throws Exception {
    add(event("telegram", "khamenei_ir", 1_000));
    add(event("soroush", "khamenei_ir", 5_000));
    add(event("soroush", "khamenei_ir", 3_000)); // a late, older post of the Soroush account
    add(event("gap", "khamenei_ir", 4_000)); // a third platform: linked to both, gap first
    assertThat(harness.extractOutputValues()).containsExactly(
        sameHandle("soroush", "telegram", 5_000),
        sameHandle("soroush", "telegram", 3_000),
        sameHandle("gap", "soroush", 4_000),
        sameHandle("gap", "telegram", 4_000));
  }

  @Test
  void otherHandlesAreOtherKeys() throws Exception {
    add(event("telegram", "khamenei_ir", 1_000));
    add(event("soroush", "hassanrouhani", 1_000));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  private void add(ChannelEvent e) throws Exception {
    harness.processElement(e, e.time);
  }

  private static ChannelEvent event(String platform, String channel, long t) {
    ChannelEvent e = new ChannelEvent();
    e.platform = platform;
    e.channel = channel;
    e.kind = ChannelEvent.POST;
    e.time = t;
    return e;
  }

  private static ChannelLinkRow sameHandle(String from, String to, long firstSeen) {
    return new ChannelLinkRow(from, "khamenei_ir", to, "khamenei_ir", ChannelLinkRow.SAME_HANDLE, firstSeen, null, SameHandleDetector.CONFIDENCE);
  }
}
