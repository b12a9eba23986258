package org.kooch.streaming.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
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

  /** The state backend the harness keeps keyed state in; null: Flink's default (the heap). */
  StateBackend backend() {
    return null;
  }

  private KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> newHarness() throws Exception {
    return newHarness(new ChannelAttentionAggregator(LATENESS));
  }

  private KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> newHarness(
      KeyedProcessFunction<String, PostObservation, ChannelAttentionRow> function) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), PostObservation::key, Types.STRING);
    if (backend() != null) {
      h.setStateBackend(backend());
    }
    return h;
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
    assertThat(stateEntries()).isEqualTo(2); // the days and their posts: the second day is still open
    harness.processWatermark(D0 + 2 * DAY + LATENESS.toMillis() - 1);
    assertThat(stateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    int written = harness.extractOutputValues().size();

    add(post(1, t, t + DAY, 999)); // too late: channel-daily dead-letters it, here it changes nothing
    assertThat(harness.extractOutputValues()).hasSize(written);
    assertThat(stateEntries()).isZero();
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

  @Test
  void aDayOfManyPostsCollectedOutOfOrderGivesThePlainSums() throws Exception {
    List<PostObservation> observations = manyPosts(D0, 1_000);
    for (PostObservation o : observations) {
      add(o);
    }
    assertThat(day(D0 / DAY).chunks).as("the day's posts split into chunks").isGreaterThanOrEqualTo(32);
    harness.processWatermark(D0 + DAY - 1);
    assertThat(harness.extractOutputValues()).containsExactly(plainRow(observations));
    harness.processWatermark(D0 + DAY + LATENESS.toMillis());
    assertThat(stateEntries()).isZero();
  }

  @Test
  void daysWrittenWithTheirPostsInTheDayRestoreWithTheSameRows() throws Exception {
    List<PostObservation> first = manyPosts(D0, 300);
    List<PostObservation> second = manyPosts(D0 + DAY, 200);
    harness.close();
    harness = newHarness(new PostsInTheDay());
    harness.open();
    for (PostObservation o : first.subList(0, 400)) {
      add(o);
    }
    for (PostObservation o : second) {
      add(o);
    }
    assertThat(day(D0 / DAY).chunks).isZero();
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();
    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();

    for (PostObservation o : first.subList(400, first.size())) { // the first day is read by its next collections
      add(o);
    }
    assertThat(day(D0 / DAY).chunks).isGreaterThan(1);
    assertThat(day(D0 / DAY).posts).isEmpty();
    harness.processWatermark(D0 + 2 * DAY - 1); // the second only by its timer
    assertThat(harness.extractOutputValues()).containsExactly(plainRow(first), plainRow(second));
    harness.processWatermark(D0 + 2 * DAY + LATENESS.toMillis());
    assertThat(stateEntries()).isZero();
  }

  /**
   * Each of {@code n} posts of the day starting at {@code dayStart} collected twice (at ages of
   * up to 40 hours, some counts unseen), all in a shuffled order. Strided ids, as a platform's
   * message ids often are.
   */
  private static List<PostObservation> manyPosts(long dayStart, int n) {
    Random random = new Random(dayStart + n);
    List<PostObservation> observations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long published = dayStart + random.nextInt((int) DAY);
      long id = 7_000_000 + 32L * i;
      for (int k = 0; k < 2; k++) {
        long views = random.nextInt(10) == 0 ? PostObservation.UNKNOWN : random.nextInt(50_000);
        observations.add(post(id, published, published + 1 + random.nextInt((int) (40 * HOUR)), views));
      }
    }
    Collections.shuffle(observations, random);
    return observations;
  }

  /** The row of the observations' day by a plain computation: each post folded on its own, then summed. */
  private static ChannelAttentionRow plainRow(List<PostObservation> observations) {
    Map<Long, long[]> posts = new TreeMap<>();
    for (PostObservation o : observations) {
      long[] post = posts.computeIfAbsent(o.postId, id -> PostViews.insert(new long[0], 0, id, o.publishedAt));
      if (o.views != PostObservation.UNKNOWN) {
        PostViews.observe(post, 0, o.collectedAt, o.views);
      }
    }
    ChannelAttentionRow r = new ChannelAttentionRow();
    r.platform = "telegram";
    r.channel = "a_chan";
    r.epochDay = Math.floorDiv(observations.get(0).publishedAt, DAY);
    r.posts = posts.size();
    for (long[] post : posts.values()) {
      if (PostViews.lastViews(post, 0) != PostObservation.UNKNOWN) {
        r.views += PostViews.lastViews(post, 0);
      }
      if (PostViews.viewsAt24h(post, 0) != PostViews.NOT_MEASURED) {
        r.posts24h++;
        r.views24h += PostViews.viewsAt24h(post, 0);
      } else if (PostViews.under24h(post, 0)) {
        r.postsUnder24h++;
      }
    }
    r.version = observations.size();
    return r;
  }

  /** The channel's day, as in state. */
  private AttentionDay day(long epochDay) throws Exception {
    KeyedStateBackend<Object> state = harness.getOperator().getKeyedStateBackend();
    state.setCurrentKey("telegram/a_chan");
    MapState<Long, AttentionDay> days = state.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
        new MapStateDescriptor<>("attention-days", Long.class, AttentionDay.class));
    return days.get(epochDay);
  }

  /** Keys holding a day or a day's posts (the harness's own count is the heap backend's only). */
  private long stateEntries() throws Exception {
    KeyedStateBackend<Object> state = harness.getOperator().getKeyedStateBackend();
    long n = 0;
    for (String name : List.of("attention-days", "attention-posts")) {
      try (Stream<Object> keys = state.getKeys(name, VoidNamespace.INSTANCE)) {
        n += keys.distinct().count();
      }
    }
    return n;
  }

  /**
   * Writes the state of {@link ChannelAttentionAggregator} as it is laid out when a day's posts are
   * in the day's value ({@link AttentionDay#posts}, no chunk count, no sums): a checkpoint of that
   * layout, to restore from.
   */
  private static final class PostsInTheDay extends KeyedProcessFunction<String, PostObservation, ChannelAttentionRow> {
    private transient MapState<Long, AttentionDay> days;

    @Override
    public void open(OpenContext openContext) {
      days = getRuntimeContext().getMapState(new MapStateDescriptor<>("attention-days", Long.class, AttentionDay.class));
    }

    @Override
    public void processElement(PostObservation o, Context ctx, Collector<ChannelAttentionRow> out) throws Exception {
      long epochDay = Math.floorDiv(o.publishedAt, DAY);
      AttentionDay day = days.get(epochDay);
      if (day == null) {
        day = new AttentionDay();
        day.epochDay = epochDay;
        long dayEnd = ChannelAttentionAggregator.dayEnd(epochDay);
        ctx.timerService().registerEventTimeTimer(dayEnd);
        ctx.timerService().registerEventTimeTimer(dayEnd + LATENESS.toMillis());
      }
      day.inputs++;
      int at = PostViews.find(day.posts, o.postId);
      if (at < 0) {
        at = -at - 1;
        day.posts = PostViews.insert(day.posts, at, o.postId, o.publishedAt);
      } else {
        day.posts = day.posts.clone();
      }
      if (o.views != PostObservation.UNKNOWN) {
        PostViews.observe(day.posts, at, o.collectedAt, o.views);
      }
      days.put(epochDay, day);
    }
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
