package org.kooch.streaming.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkDeduplicatorTest {
  private KeyedOneInputStreamOperatorTestHarness<String, ChannelLinkRow, ChannelLinkRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LinkDeduplicator()), ChannelLinkRow::key, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void aRepeatedLinkIsEmittedOnce() throws Exception {
    for (long post = 10; post < 15; post++) {
      add(link("soroush", 1_000 + post, post, 0.8)); // every later post repeats the announcement
    }
    assertThat(harness.extractOutputValues()).containsExactly(link("soroush", 1_010, 10L, 0.8));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void earlierEvidenceOrStrongerConfidenceReEmitsTheMergedLink() throws Exception {
    add(link("soroush", 5_000, 7L, 0.6));
    add(link("soroush", 3_000, 4L, 0.6)); // found an earlier post: earlier first_seen, its post id
    add(link("soroush", 9_000, 9L, 0.8)); // later but stronger: keeps the earliest sighting
    add(link("soroush", 4_000, 5L, 0.7)); // neither earlier nor stronger
    assertThat(harness.extractOutputValues()).containsExactly(
        link("soroush", 5_000, 7L, 0.6),
        link("soroush", 3_000, 4L, 0.6),
        link("soroush", 3_000, 4L, 0.8));
  }

  @Test
  void eachLinkIdentityHasItsOwnState() throws Exception {
    add(link("soroush", 5_000, 7L, 0.8));
    add(link("gap", 5_000, 7L, 0.8));
    ChannelLinkRow forward = link("gap", 5_000, 7L, 0.3);
    forward.evidence = ChannelLinkRow.FORWARD;
    add(forward);
    assertThat(harness.extractOutputValues()).hasSize(3);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  private void add(ChannelLinkRow l) throws Exception {
    harness.processElement(l, l.firstSeen);
  }

  private static ChannelLinkRow link(String toPlatform, long firstSeen, Long postId, double confidence) {
    return new ChannelLinkRow("telegram", "khamenei_ir", toPlatform, "khamenei_ir", ChannelLinkRow.POST_LINK, firstSeen, postId, confidence);
  }
}
