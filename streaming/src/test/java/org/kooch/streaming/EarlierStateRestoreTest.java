package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.kooch.streaming.attention.ChannelAttentionAggregator;
import org.kooch.streaming.attention.ChannelAttentionRow;
import org.kooch.streaming.attention.PostObservation;
import org.kooch.streaming.daily.ChannelDailyAggregator;
import org.kooch.streaming.daily.ChannelDailyRow;
import org.kooch.streaming.daily.ChannelEvent;

/**
 * Checkpoints of {@code channel-daily} and {@code channel-attention} written by an earlier version
 * (commit e96fe26, before a day's posts were kept in chunks and the days' values gained fields)
 * restore into this one: Flink's POJO serializer reads the days written without the new fields,
 * and the rows after the restore are those of a run that was never interrupted. The snapshots in
 * {@code src/test/resources/earlier-state/} were written by {@link #writeSnapshots}, run by hand
 * in that version (heap state, and RocksDB with full snapshots, whose files a test can keep).
 */
class EarlierStateRestoreTest {
  static final Path DIR = Path.of("src/test/resources/earlier-state");
  private static final long DAY = 86_400_000L;
  private static final long D0 = Instant.parse("2018-04-18T00:00:00Z").toEpochMilli();
  private static final Duration LATENESS = Duration.ofDays(2);

  @Test
  void channelDailyRestoresFromTheHeap() throws Exception {
    assertThat(daily("heap", null)).isEqualTo(daily(null, null));
  }

  @Test
  void channelDailyRestoresFromRocksDb() throws Exception {
    assertThat(daily("rocksdb", new EmbeddedRocksDBStateBackend(false))).isEqualTo(daily(null, new EmbeddedRocksDBStateBackend(false)));
  }

  @Test
  void channelAttentionRestoresFromTheHeap() throws Exception {
    assertThat(attention("heap", null)).isEqualTo(attention(null, null));
  }

  @Test
  void channelAttentionRestoresFromRocksDb() throws Exception {
    assertThat(attention("rocksdb", new EmbeddedRocksDBStateBackend(false)))
        .isEqualTo(attention(null, new EmbeddedRocksDBStateBackend(false)));
  }

  /**
   * The rows of the events after the snapshot, restored from the snapshot of {@code backendName},
   * or, with null, of one harness fed every event: each row as text, in order.
   */
  private static List<String> daily(String backendName, StateBackend backend) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> h = dailyHarness(backend)) {
      if (backendName != null) {
        h.initializeState(OperatorSnapshotUtil.readStateHandle(DIR.resolve("channel-daily-" + backendName + ".snapshot").toString()));
      }
      h.open();
      if (backendName == null) {
        for (ChannelEvent e : events(true)) {
          h.processElement(e, e.time);
        }
      }
      for (ChannelEvent e : events(false)) {
        h.processElement(e, e.time);
      }
      h.processWatermark(D0 + 5 * DAY);
      List<String> rows = new ArrayList<>();
      for (ChannelDailyRow r : h.extractOutputValues()) {
        rows.add(r.platform + "/" + r.channel + " " + r.epochDay + " subs=" + r.subscribers + " posts=" + r.posts + " views=" + r.views
            + " v=" + r.version);
      }
      assertThat(rows).isNotEmpty();
      return rows;
    }
  }

  private static List<String> attention(String backendName, StateBackend backend) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> h = attentionHarness(backend)) {
      if (backendName != null) {
        h.initializeState(OperatorSnapshotUtil.readStateHandle(DIR.resolve("channel-attention-" + backendName + ".snapshot").toString()));
      }
      h.open();
      if (backendName == null) {
        for (ChannelEvent e : events(true)) {
          add(h, e);
        }
      }
      for (ChannelEvent e : events(false)) {
        add(h, e);
      }
      h.processWatermark(D0 + 5 * DAY);
      List<String> rows = new ArrayList<>();
      for (ChannelAttentionRow r : h.extractOutputValues()) {
        rows.add(r.platform + "/" + r.channel + " " + r.epochDay + " posts=" + r.posts + " views=" + r.views + " posts24h=" + r.posts24h
            + " views24h=" + r.views24h + " under24h=" + r.postsUnder24h + " v=" + r.version);
      }
      assertThat(rows).isNotEmpty();
      return rows;
    }
  }

  private static void add(KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> h, ChannelEvent e)
      throws Exception {
    if (e.kind == ChannelEvent.POST) {
      PostObservation o = PostObservation.of(e);
      h.processElement(o, o.publishedAt);
    }
  }

  /**
   * Two channels' posts and counts over two days: {@code before} the snapshot, or after it (more
   * posts of the same days, and later collections of posts seen before, some 24 h after).
   */
  static List<ChannelEvent> events(boolean before) {
    List<ChannelEvent> events = new ArrayList<>();
    for (String channel : List.of("khamenei_ir", "leader_ir")) {
      for (int day = 0; day < 2; day++) {
        long d = D0 + day * DAY;
        int from = before ? 0 : 150;
        int to = before ? 150 : 300;
        for (int i = from; i < to; i++) {
          long published = d + i * 200_000L;
          events.add(post(channel, published, day * 1_000_000L + i * 7L, 10L * i, published + 600_000L));
        }
        if (!before) {
          for (int i = 0; i < 150; i += 3) { // posts of the snapshot seen again, at 24 h of age
            long published = d + i * 200_000L;
            events.add(post(channel, published, day * 1_000_000L + i * 7L, 25L * i, published + DAY));
          }
        }
        events.add(count(channel, d + (before ? 3_600_000L : 20 * 3_600_000L), before ? 1_000 + day : 2_000 + day));
      }
    }
    return events;
  }

  private static ChannelEvent count(String channel, long t, long subscribers) {
    ChannelEvent e = new ChannelEvent();
    e.platform = "soroush";
    e.channel = channel;
    e.kind = ChannelEvent.COUNT;
    e.time = t;
    e.value = subscribers;
    return e;
  }

  private static ChannelEvent post(String channel, long published, long id, long views, long collectedAt) {
    ChannelEvent e = count(channel, published, views);
    e.kind = ChannelEvent.POST;
    e.postId = id;
    e.collectedAt = collectedAt;
    return e;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> dailyHarness(StateBackend backend)
      throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ChannelDailyAggregator(LATENESS)), ChannelEvent::key, Types.STRING);
    if (backend != null) {
      h.setStateBackend(backend);
    }
    return h;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> attentionHarness(
      StateBackend backend) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ChannelAttentionAggregator(LATENESS)), o -> o.platform + "/" + o.channel, Types.STRING);
    if (backend != null) {
      h.setStateBackend(backend);
    }
    return h;
  }

  /** Writes the stored snapshots (run once, by hand, in the version they are named after). */
  static void writeSnapshots() throws Exception {
    Files.createDirectories(DIR);
    for (String name : List.of("heap", "rocksdb")) {
      StateBackend backend = name.equals("heap") ? null : new EmbeddedRocksDBStateBackend(false);
      try (KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelDailyRow> h = dailyHarness(backend)) {
        h.open();
        for (ChannelEvent e : events(true)) {
          h.processElement(e, e.time);
        }
        OperatorSnapshotUtil.writeStateHandle(h.snapshot(1L, D0), DIR.resolve("channel-daily-" + name + ".snapshot").toString());
      }
      try (KeyedOneInputStreamOperatorTestHarness<String, PostObservation, ChannelAttentionRow> h = attentionHarness(backend)) {
        h.open();
        for (ChannelEvent e : events(true)) {
          add(h, e);
        }
        OperatorSnapshotUtil.writeStateHandle(h.snapshot(1L, D0), DIR.resolve("channel-attention-" + name + ".snapshot").toString());
      }
    }
  }
}
