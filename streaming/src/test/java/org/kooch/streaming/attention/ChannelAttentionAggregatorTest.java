package org.kooch.streaming.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelAttentionAggregatorTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long D0 = Instant.parse("2018-04-18T00:00:00Z").toEpochMilli();
  private static final Duration LATENESS = Duration.ofDays(2);

  private KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> newHarness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ChannelAttentionAggregator(LATENESS)), PostObservation::key, Types.STRING);
  }

  @Test
  void measuresViewsAt24hExactlyOrBetweenNeighboursAndNeverInventsThem() throws Exception {
    long exact = D0 + HOUR;
    add(post(1, exact, exact + 2 * HOUR, 40));
    add(post(1, exact, exact + DAY, 300)); // at exactly 24 h
    add(post(1, exact, exact + 40 * HOUR, 360));
    long between = D0 + 2 * HOUR;
    add(post(2, between, between + 30 * HOUR, 700)); // out of order: the one after the mark first
    add(post(2, between, between + 20 * HOUR, 400)); // 4 h before, 6 h after: 400 + 300 * 4/10
    long young = D0 + 10 * HOUR;
    add(post(3, young, young + 3 * HOUR, 25)); // last seen at 3 h: may still be measured
    long far = D0 + 12 * HOUR;
    add(post(4, far, far + 2 * HOUR, 10));
    add(post(4, far, far + 40 * HOUR, 90)); // neighbours 22 h and 16 h from the mark: not measured
    long unknown = D0 + 13 * HOUR;
    add(post(5, unknown, unknown + 25 * HOUR, PostObservation.UNKNOWN)); // a count the collector did not see
    harness.processWatermark(D0 + DAY - 2);
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.processWatermark(D0 + DAY - 1);

    List<ChannelAttentionRow> rows = harness.extractOutputValues();
    assertThat(rows).hasSize(1);
    ChannelAttentionRow r = rows.get(0);
    assertThat(r.day().toString()).isEqualTo("2018-04-18");
    assertThat(r.posts).isEqualTo(5);
    assertThat(r.views).isEqualTo(360 + 700 + 25 + 90);
    assertThat(r.posts24h).isEqualTo(2);
    assertThat(r.views24h).isEqualTo(300 + 400 + Math.round(300 * 4 / 10.0));
    assertThat(r.postsUnder24h).isEqualTo(2); // post 3, and post 5 whose views were never seen
    assertThat(r.version).isEqualTo(9);
  }

  @Test
  void aCollectionNearTheMarkArrivingLateRewritesTheDayWithAHigherVersion() throws Exception {
    long t = D0 + 6 * HOUR;
    add(post(7, t, t + HOUR, 100));
    harness.processWatermark(D0 + DAY);
    ChannelAttentionRow first = harness.extractOutputValues().get(0);
    assertThat(first.posts24h).isZero();
    assertThat(first.postsUnder24h).isEqualTo(1);

    add(post(7, t, t + 23 * HOUR, 480)); // late for its day, within the allowed lateness
    add(post(7, t, t + 23 * HOUR, 480)); // the same collection delivered twice: nothing changes, nothing written
    add(post(7, t, t + 25 * HOUR, 520));
    List<ChannelAttentionRow> rows = harness.extractOutputValues();
    assertThat(rows).hasSize(3);
    ChannelAttentionRow last = rows.get(2);
    assertThat(last.posts24h).isEqualTo(1);
    assertThat(last.views24h).isEqualTo(500);
    assertThat(last.views).isEqualTo(520);
    assertThat(last.postsUnder24h).isZero();
    assertThat(last.version).isGreaterThan(rows.get(1).version).isGreaterThan(first.version);
  }

  @Test
  void dropsTheDayAfterTheAllowedLatenessAndIgnoresLaterCollections() throws Exception {
    long t = D0 + HOUR;
    add(post(1, t, t + HOUR, 10));
    add(post(2, t + DAY, t + DAY + HOUR, 20)); // the next day
    assertThat(harness.numEventTimeTimers()).isEqualTo(4); // each day's end and cleanup
    harness.processWatermark(D0 + DAY + LATENESS.toMillis() - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // one map: the second day is still open
    harness.processWatermark(D0 + 2 * DAY + LATENESS.toMillis() - 1);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    int written = harness.extractOutputValues().size();

    add(post(1, t, t + DAY, 999)); // too late: channel-daily dead-letters it, here it changes nothing
    assertThat(harness.extractOutputValues()).hasSize(written);
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void aRestoredOperatorWritesTheSameRowsAsOneThatRanThrough() throws Exception {
    long t = D0 + 3 * HOUR;
    add(post(1, t, t + 2 * HOUR, 50));
    harness.processWatermark(D0 + DAY);
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    add(post(1, t, t + DAY, 250));
    ChannelAttentionRow ranThrough = harness.extractOutputValues().get(1);

    KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> restored = newHarness();
    restored.setup();
    restored.initializeState(snapshot);
    restored.open();
    restored.processWatermark(D0 + DAY);
    restored.processElement(post(1, t, t + DAY, 250), t);
    List<ChannelAttentionRow> replayed = restored.extractOutputValues();
    assertThat(replayed).containsExactly(ranThrough); // same content, same version: one row in ClickHouse
    restored.close();
  }

  private void add(PostObservation o) throws Exception {
    harness.processElement(o, o.publishedAt);
  }

  private static PostObservation post(long id, long publishedAt, long collectedAt, long views) {
    PostObservation o = new PostObservation();
    o.platform = "telegram";
    o.channel = "a_chan";
    o.postId = id;
    o.publishedAt = publishedAt;
    o.collectedAt = collectedAt;
    o.views = views;
    return o;
  }
}
