package org.kooch.streaming.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DayChunks} on Flink's keyed MapState, on the heap and in RocksDB. */
class DayChunksTest {
  private static final long DAY = 17_639; // 2018-04-18
  private static final int WIDTH = 3;
  private static final int MAX_ROWS = 8;

  private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;
  private MapState<Long, long[]> state;

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** A keyed operator's MapState, of the key {@code "a"}, in the given backend. */
  private void open(String backend) throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Nothing()), k -> k, Types.STRING);
    if (backend.equals("rocksdb")) {
      harness.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    }
    harness.open();
    KeyedStateBackend<String> keyed = harness.getOperator().getKeyedStateBackend();
    keyed.setCurrentKey("a");
    state = keyed.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
        new MapStateDescriptor<>("rows", Long.class, long[].class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"heap", "rocksdb"})
  void splitsAsADayGrowsAndFindsEveryRowInItsChunk(String backend) throws Exception {
    open(backend);
    DayChunks chunks = new DayChunks(state, WIDTH, MAX_ROWS);
    TreeMap<Long, Long> expected = new TreeMap<>();
    TreeMap<Long, Long> nextDay = new TreeMap<>();
    List<Long> ids = new ArrayList<>();
    for (long i = 0; i < 1_000; i++) {
      ids.add(5_000 + 64 * i); // strided: the low bits of the ids alone would fill one chunk in 64
    }
    Collections.shuffle(ids, new Random(7));
    int count = 1;
    int nextDayCount = 1;
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      count = upsert(chunks, DAY, count, id, i);
      expected.put(id, (long) i);
      if (i % 10 == 0) { // a neighbouring day in the same map, growing alongside
        nextDayCount = upsert(chunks, DAY + 1, nextDayCount, id, -i);
        nextDay.put(id, (long) -i);
      }
      if (i % 3 == 0) { // and a recollection of an earlier row
        long again = ids.get(i / 2);
        count = upsert(chunks, DAY, count, again, 10_000 + i);
        expected.put(again, 10_000L + i);
      }
    }
    assertThat(Integer.bitCount(count)).isEqualTo(1);
    assertThat(count).as("1,000 rows, at most %d a chunk until it splits", MAX_ROWS).isBetween(1_000 / MAX_ROWS, 1_000);
    int held = assertDay(chunks, DAY, count, expected);
    int nextDayHeld = assertDay(chunks, DAY + 1, nextDayCount, nextDay);
    assertThat(keys()).as("no entries besides the days' chunks that hold rows").hasSize(held + nextDayHeld);
    assertThat(keys()).contains(DAY, DAY + 1); // chunk 0 of a day is under the day itself

    chunks.remove(DAY, count);
    assertThat(keys()).as("only the other day's chunks are left").hasSize(nextDayHeld)
        .allSatisfy(k -> assertThat((k - DAY - 1) & 0xffff_ffffL).isZero());
    assertDay(chunks, DAY + 1, nextDayCount, nextDay);
    chunks.remove(DAY + 1, nextDayCount);
    assertThat(state.isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"heap", "rocksdb"})
  void aDayKeptAsOneArrayUnderItsKeyReadsAsOneChunkAndSplitsWhenWritten(String backend) throws Exception {
    open(backend);
    DayChunks chunks = new DayChunks(state, WIDTH, MAX_ROWS);
    TreeMap<Long, Long> expected = new TreeMap<>();
    long[] rows = new long[0];
    for (long id = 1; id <= 100; id++) {
      rows = SortedRows.insert(rows, WIDTH, rows.length / WIDTH, id, 2 * id, 0);
      expected.put(id, 2 * id);
    }
    state.put(DAY, rows); // the whole day under its own key, as a day without chunks keeps it
    int count = DayChunks.count(0);
    assertDay(chunks, DAY, count, expected);

    count = upsert(chunks, DAY, count, 1_000, 5);
    expected.put(1_000L, 5L);
    assertThat(count).as("101 rows, at most %d a chunk: split at once by enough", MAX_ROWS).isGreaterThanOrEqualTo(101 / MAX_ROWS);
    assertDay(chunks, DAY, count, expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"heap", "rocksdb"})
  void putAllWritesAWholeDayInChunksWithinTheBound(String backend) throws Exception {
    open(backend);
    DayChunks chunks = new DayChunks(state, WIDTH);
    long[] rows = new long[0];
    TreeMap<Long, Long> expected = new TreeMap<>();
    for (long id = 0; id < 500; id++) {
      rows = SortedRows.insert(rows, WIDTH, rows.length / WIDTH, id * 1_000, id, 0);
      expected.put(id * 1_000, id);
    }
    int count = chunks.putAll(DAY, rows);
    assertThat(count).isGreaterThan(1);
    int held = assertDay(chunks, DAY, count, expected);
    assertThat(chunks.putAll(DAY + 1, new long[0])).isEqualTo(1);
    assertThat(keys()).hasSize(held);
  }

  /** Inserts or replaces the row {@code {id, value, 0}} as an operator does: a fresh array, never the state's own. */
  private static int upsert(DayChunks chunks, long day, int count, long id, long value) throws Exception {
    long[] rows = chunks.get(day, count, id);
    int at = SortedRows.find(rows, WIDTH, id);
    if (at < 0) {
      rows = SortedRows.insert(rows, WIDTH, -at - 1, id, value, 0);
    } else {
      rows = rows.clone();
      rows[at * WIDTH + 1] = value;
    }
    return chunks.put(day, count, id, rows);
  }

  /**
   * Every row of the day is found in its chunk, every chunk is sorted, and the chunks hold nothing
   * else. Returns how many of the day's chunks hold rows.
   */
  private int assertDay(DayChunks chunks, long day, int count, Map<Long, Long> expected) throws Exception {
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      long[] rows = chunks.get(day, count, e.getKey());
      int at = SortedRows.find(rows, WIDTH, e.getKey());
      assertThat(at).as("row %d", e.getKey()).isGreaterThanOrEqualTo(0);
      assertThat(rows[at * WIDTH + 1]).isEqualTo(e.getValue());
    }
    int rows = 0;
    int held = 0;
    for (int c = 0; c < count; c++) {
      long[] chunk = state.get(DayChunks.key(day, c));
      if (chunk == null) {
        continue;
      }
      for (int i = 0; i < chunk.length / WIDTH; i++) {
        assertThat(DayChunks.chunkOf(chunk[i * WIDTH], count)).isEqualTo(c);
        if (i > 0) {
          assertThat(chunk[i * WIDTH]).isGreaterThan(chunk[(i - 1) * WIDTH]);
        }
      }
      rows += chunk.length / WIDTH;
      held++;
    }
    assertThat(rows).isEqualTo(expected.size());
    return held;
  }

  private List<Long> keys() throws Exception {
    return StreamSupport.stream(state.keys().spliterator(), false).toList();
  }

  /** An operator that only holds the state. */
  private static final class Nothing extends KeyedProcessFunction<String, String, String> {
    @Override
    public void processElement(String value, Context ctx, Collector<String> out) {}
  }
}
