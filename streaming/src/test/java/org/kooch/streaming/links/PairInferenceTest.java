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
    for (long post = 1; post < 8; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * 5 * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).as("seven shared posts do not yet show who follows whom").isEmpty();
    add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + 70 * HOUR, 8));

    List<ChannelLinkRow> out = harness.extractOutputValues();
    assertThat(out).hasSize(1);
    ChannelLinkRow pair = out.get(0);
    assertThat(pair.key()).isEqualTo("telegram/farsna>soroush/farsna#inferred");
    assertThat(pair.inferred()).isTrue();
    assertThat(pair.announcesMove()).isFalse();
    assertThat(pair.firstSeen).as("the first shared post, not the handle's sighting").isEqualTo(MOVE + 5 * HOUR);
    assertThat(pair.confidence).isCloseTo(1 - 0.5 * Math.pow(0.7, 8), Offset.offset(1e-9));
  }

  @Test
  void anAccountOpenedAfterTheOtherNeedsSixSharedPostsAndItsMoveBeganWhenItOpened() throws Exception {
    add(sameHandle("hassanrouhani", MOVE, MOVE - 60 * 24 * HOUR, MOVE)); // Telegram for months, Gap since the move
    for (long post = 1; post <= 6; post++) {
      // Its first copy four days after it opened: people joined before the owner mirrored anything.
      add(sameContent("telegram", "hassanrouhani", "gap", "hassanrouhani", MOVE + (96 + post) * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).extracting(l -> l.key() + "@" + l.firstSeen)
        .containsExactly("telegram/hassanrouhani>gap/hassanrouhani#inferred@" + MOVE);
  }

  @Test
  void aDormantAccountsMoveBeginsWithItsFirstSharedPost() throws Exception {
    add(sameHandle("hassanrouhani", MOVE, MOVE - 60 * 24 * HOUR, MOVE)); // opened, then nothing for a month
    for (long post = 1; post <= 6; post++) {
      add(sameContent("telegram", "hassanrouhani", "gap", "hassanrouhani", MOVE + (30 * 24 + post) * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).extracting(l -> l.firstSeen).containsExactly(MOVE + (30 * 24 + 1) * HOUR);
  }

  @Test
  void accountsOpenedTogetherNeedEight() throws Exception {
    add(sameHandle("irna_1313", MOVE, MOVE, MOVE + HOUR)); // opened within an hour of each other
    for (long post = 1; post <= 7; post++) {
      add(sameContent("telegram", "irna_1313", "gap", "irna_1313", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).isEmpty();
    add(sameContent("telegram", "irna_1313", "gap", "irna_1313", MOVE + 8 * HOUR, 8));
    assertThat(harness.extractOutputValues()).hasSize(1);
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
  void oneCopyOutOfOrderTakesTwelveSharedPosts() throws Exception {
    add(sameContent("eitaa", "news_b", "telegram", "news_a", MOVE, 100)); // the owner posted on the new account first, once
    for (long post = 1; post <= 10; post++) {
      add(sameContent("telegram", "news_a", "eitaa", "news_b", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).isEmpty();
    add(sameContent("telegram", "news_a", "eitaa", "news_b", MOVE + 11 * HOUR, 11));
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
    for (long post = 1; post <= 8; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + 50 * HOUR, 3)); // a repeat: nothing new
    assertThat(harness.extractOutputValues()).hasSize(1);
    // An earlier shared post the other way round: earlier, but no longer all from one side.
    add(sameContent("soroush", "farsna", "telegram", "farsna", MOVE - 2 * HOUR, 40));
    for (long post = 50; post < 90; post++) {
      add(sameContent("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    List<ChannelLinkRow> out = harness.extractOutputValues();
    assertThat(out).extracting(ChannelLinkRow::key).containsOnly("telegram/farsna>soroush/farsna#inferred");
    assertThat(out).as("bounded: at most sixteen posts count").hasSizeLessThanOrEqualTo(16);
    assertThat(out.get(out.size() - 1).firstSeen).isEqualTo(MOVE - 2 * HOUR);
    assertThat(out.get(out.size() - 1).confidence).isCloseTo(1 - 0.5 * Math.pow(0.7, 16), Offset.offset(1e-9));
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i).confidence >= out.get(i - 1).confidence && out.get(i).firstSeen <= out.get(i - 1).firstSeen).isTrue();
    }
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
    for (long post = 1; post <= 5; post++) {
      add(forward("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    OperatorSubtaskState snapshot = harness.snapshot(1, MOVE);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    for (long post = 6; post <= 8; post++) {
      add(forward("telegram", "farsna", "soroush", "farsna", MOVE + post * HOUR, post));
    }
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.extractOutputValues().get(0).confidence).isCloseTo(1 - 0.5 * Math.pow(0.6, 8), Offset.offset(1e-9));
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

  /** The same handle on Telegram and another platform, each account with its first sighting. */
  private static ChannelLinkRow sameHandle(String handle, long seen, long telegramSeen, long otherSeen) {
    ChannelLinkRow l = new ChannelLinkRow("telegram", handle, "gap", handle, ChannelLinkRow.SAME_HANDLE, seen, null, 0.5);
    l.fromSeen = telegramSeen;
    l.toSeen = otherSeen;
    return l;
  }

  private static ChannelLinkRow sameContent(String fp, String fc, String tp, String tc, long at, long post) {
    return new ChannelLinkRow(fp, fc, tp, tc, ChannelLinkRow.SAME_CONTENT, at, post, 0.85);
  }

  private static ChannelLinkRow forward(String fp, String fc, String tp, String tc, long at, long post) {
    return new ChannelLinkRow(fp, fc, tp, tc, ChannelLinkRow.FORWARD, at, post, 0.3);
  }
}
