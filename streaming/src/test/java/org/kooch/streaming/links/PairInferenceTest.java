package org.kooch.streaming.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PairInferenceTest {
  private static final long HOUR = 3_600_000L;
  private static final long MOVE = 1_525_132_800_000L; // 2018-05-01

  private KeyedOneInputStreamOperatorTestHarness<String, ChannelLinkRow, ChannelLinkRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = harness();
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  @Test
  void anAccountThatMirrorsAnotherBecomesAnInferredPairFromItsFirstSharedPost() throws Exception {
    add(sameHandle("farsna", MOVE - 30 * 24 * HOUR));
    for (long post = 1; post < 12; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * 5 * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).as("eleven shared posts do not yet show who follows whom").isEmpty();
    add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + 70 * HOUR, 12));

    List<ChannelLinkRow> out = harness.extractOutputValues();
    assertThat(out).hasSize(1);
    ChannelLinkRow pair = out.get(0);
    assertThat(pair.key()).isEqualTo("telegram/farsna>soroush/farsna#inferred");
    assertThat(pair.inferred()).isTrue();
    assertThat(pair.announcesMove()).isFalse();
    assertThat(pair.firstSeen).as("the first shared post, not the handle's sighting").isEqualTo(MOVE + 5 * HOUR);
    assertThat(pair.confidence).isCloseTo(1 - 0.5 * Math.pow(0.7, 12), Offset.offset(1e-9));
  }

  @Test
  void anImpostorWithTheSameHandleAndNoSharedPostsIsNeverAPair() throws Exception {
    add(sameHandle("bbcpersian", MOVE));
    add(sameHandle("bbcpersian", MOVE - HOUR)); // an earlier sighting: still only the handle
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void siblingsFilledWithCopiesOfAThirdAccountsPostsFollowNeither() throws Exception {
    add(sameHandle("irna_1313", MOVE));
    for (long post = 1; post <= 16; post++) {
      // Which of two copies of a Telegram post each sibling published first is chance.
      boolean baleFirst = post % 3 != 0 && post % 5 != 0;
      add(baleFirst
          ? sameContent("bale", "irna_1313", "eitaa", "irna_1313", MOVE + post * HOUR, post)
          : sameContent("eitaa", "irna_1313", "bale", "irna_1313", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void oneCopyOutOfOrderDoesNotHideAFollower() throws Exception {
    add(sameContent("eitaa", "news_b", "telegram", "news_a", MOVE, 100)); // the owner posted on the new account first, once
    for (long post = 1; post <= 11; post++) {
      add(sameContent("telegram", "news_a", "eitaa", "news_b", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).extracting(l -> l.key() + "@" + l.firstSeen)
        .containsExactly("telegram/news_a>eitaa/news_b#inferred@" + MOVE);
  }

  @Test
  void repeatsOfOnePostCountOnce() throws Exception {
    add(sameHandle("farsna", MOVE));
    for (int bucket = 0; bucket < 20; bucket++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + HOUR, 7)); // one post found in many buckets
    }
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void reEmitsOnlyWhenStrongerOrEarlierKeepingItsDirection() throws Exception {
    add(sameHandle("farsna", MOVE));
    for (long post = 1; post <= 12; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + 50 * HOUR, 3)); // a repeat: nothing new
    // An earlier shared post the other way round (the new account posted first) does not turn the pair.
    add(sameContent("soroush", "farsna", "telegram", "farsna", MOVE - 2 * HOUR, 40));
    List<ChannelLinkRow> out = harness.extractOutputValues();
    assertThat(out).hasSize(2);
    assertThat(out).extracting(ChannelLinkRow::key).containsOnly("telegram/farsna>soroush/farsna#inferred");
    assertThat(out.get(1).firstSeen).isEqualTo(MOVE - 2 * HOUR);
    assertThat(out.get(1).confidence).isGreaterThan(out.get(0).confidence);
    for (long post = 50; post < 90; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).as("bounded: at most sixteen posts count").hasSize(2 + 3);
  }

  @Test
  void anAnnouncedPairIsLeftToItsAnnouncement() throws Exception {
    add(new ChannelLinkRow("telegram", "farsna", "soroush", "farsna", ChannelLinkRow.POST_LINK, MOVE, 9L, 0.9));
    add(sameHandle("farsna", MOVE));
    for (long post = 1; post <= 16; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void forwardsCountAndTheEvidenceSurvivesARestore() throws Exception {
    add(sameHandle("farsna", MOVE));
    for (long post = 1; post <= 6; post++) {
      add(forward("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    OperatorSubtaskState snapshot = harness.snapshot(1, MOVE);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    for (long post = 7; post <= 12; post++) {
      add(forward("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.extractOutputValues().get(0).confidence).isCloseTo(1 - 0.5 * Math.pow(0.6, 12), Offset.offset(1e-9));
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ChannelLinkRow, ChannelLinkRow> harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new PairInference()), ChannelLinkRow::pairKey,
        Types.STRING);
  }

  private void add(ChannelLinkRow l) throws Exception {
    harness.processElement(l, l.firstSeen);
  }

  private static ChannelLinkRow sameHandle(String handle, long seen) {
    return new ChannelLinkRow("soroush", handle, "telegram", handle, ChannelLinkRow.SAME_HANDLE, seen, null, 0.5);
  }

  private static ChannelLinkRow sameContent(String fp, String fc, String tp, String tc, long at, long post) {
    return new ChannelLinkRow(fp, fc, tp, tc, ChannelLinkRow.SAME_CONTENT, at, post, 0.85);
  }

  private static ChannelLinkRow forward(String fp, String fc, String tp, String tc, long at, long post) {
    return new ChannelLinkRow(fp, fc, tp, tc, ChannelLinkRow.FORWARD, at, post, 0.3);
  }
}
