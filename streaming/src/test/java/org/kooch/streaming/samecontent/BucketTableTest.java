package org.kooch.streaming.samecontent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketTableTest {

  private static PostSignature post(long bucket, long publishedAt) {
    return new PostSignature(bucket, "telegram", "ch" + bucket, publishedAt, publishedAt, new long[MinHasher.PACKED]);
  }

  /** Random puts, removes and sweeps against a HashMap, on few keys so probe chains collide and wrap. */
  @Test
  void behavesAsAMapThroughPutsRemovesAndSweeps() {
    Random random = new Random(42);
    BucketTable table = new BucketTable();
    Map<Long, PostSignature[]> model = new HashMap<>();
    long[] keys = new long[3_000];
    for (int i = 0; i < keys.length; i++) {
      // Some keys share their low bits, some are negative, one is 0.
      keys[i] = i % 3 == 0 ? ((long) i << 40) : random.nextLong();
    }
    keys[7] = 0;
    long now = 0;
    for (int step = 0; step < 200_000; step++) {
      long key = keys[random.nextInt(keys.length)];
      int op = random.nextInt(100);
      if (op < 60) {
        PostSignature[] bucket = {post(key, now - random.nextInt(1_000)), post(key, now)};
        table.put(key, bucket);
        model.put(key, bucket);
      } else if (op < 95) {
        table.remove(key);
        model.remove(key);
      } else if (op == 99) {
        long horizon = now - 500;
        table.retainFrom(horizon);
        model.replaceAll((k, v) -> BucketTable.publishedFrom(v, horizon));
        model.values().removeIf(v -> v.length == 0);
      }
      now += random.nextInt(3);
      if (step % 997 == 0) {
        assertSameContents(model, table, keys);
      }
    }
    assertSameContents(model, table, keys);
  }

  /**
   * A daily sweep drops about two fifths of the buckets, which grow back by the next one: the
   * table keeps its capacity instead of shrinking and doubling again, unless it is left nearly empty.
   */
  @Test
  void aSweepKeepsTheCapacityUnlessTheTableIsLeftNearlyEmpty() {
    BucketTable table = new BucketTable();
    for (long key = 0; key < 10_000; key++) {
      table.put(key * 7919, new PostSignature[] {post(key, key)});
    }
    int grown = table.capacity();
    assertEquals(32_768, grown);

    table.retainFrom(4_000);
    assertEquals(6_000, table.size());
    assertEquals(grown, table.capacity());
    assertEquals(9_999, table.get(9_999L * 7919)[0].publishedAt);
    assertNull(table.get(3_999L * 7919));

    table.retainFrom(9_500);
    assertEquals(500, table.size());
    assertEquals(1_024, table.capacity());
    assertEquals(9_500, table.get(9_500L * 7919)[0].publishedAt);
  }

  private static void assertSameContents(Map<Long, PostSignature[]> model, BucketTable table, long[] keys) {
    assertEquals(model.size(), table.size());
    assertEquals(model.values().stream().mapToInt(v -> v.length).sum(), table.entries());
    for (long key : keys) {
      PostSignature[] expected = model.get(key);
      if (expected == null) {
        assertNull(table.get(key), "key " + key);
      } else {
        assertArrayEquals(expected, table.get(key), "key " + key);
      }
    }
    List<Long> visited = new ArrayList<>();
    table.forEach((key, posts) -> {
      visited.add(key);
      assertArrayEquals(model.get(key), posts);
    });
    assertEquals(model.size(), visited.size());
  }

  /** Probe chains that wrap past the table's end: removing their head shifts the others back across it. */
  @Test
  void removesFromChainsThatWrapAround() {
    BucketTable table = new BucketTable(); // 16 slots until it holds 9 buckets
    long[] atEnd = keysWithHome(15, 3);
    long[] atStart = keysWithHome(0, 1);
    for (long key : atEnd) {
      table.put(key, new PostSignature[] {post(key, 1)}); // slots 15, 0, 1
    }
    table.put(atStart[0], new PostSignature[] {post(atStart[0], 2)}); // home 0, probes to slot 2

    table.remove(atEnd[0]);

    assertNull(table.get(atEnd[0]));
    for (long key : new long[] {atEnd[1], atEnd[2], atStart[0]}) {
      assertEquals(key, table.get(key)[0].bucket, "key " + key);
    }
    table.remove(atEnd[1]);
    table.remove(atEnd[2]);
    assertEquals(atStart[0], table.get(atStart[0])[0].bucket);
    assertEquals(1, table.size());
  }

  private static long[] keysWithHome(int slot, int n) {
    long[] keys = new long[n];
    int found = 0;
    for (long key = 1; found < n; key++) {
      if (BucketTable.slot(key, 15) == slot) {
        keys[found++] = key;
      }
    }
    return keys;
  }

  @Test
  void sweepKeepsRecentPostsAndDropsEmptiedBuckets() {
    BucketTable table = new BucketTable();
    PostSignature recent = post(2, 2_000);
    PostSignature[] whole = {post(3, 1_500), post(3, 1_600)};
    table.put(1, new PostSignature[] {post(1, 100), post(1, 200)});
    table.put(2, new PostSignature[] {post(2, 100), recent});
    table.put(3, whole);

    table.retainFrom(1_000);

    assertNull(table.get(1));
    assertArrayEquals(new PostSignature[] {recent}, table.get(2));
    assertSame(whole, table.get(3), "a bucket with nothing to drop is kept as it is");
    assertEquals(2, table.size());
  }

  @Test
  void growsAndShrinks() {
    BucketTable table = new BucketTable();
    for (long key = 0; key < 100_000; key++) {
      table.put(key * 128, new PostSignature[] {post(key, key)});
    }
    assertEquals(100_000, table.size());
    table.retainFrom(99_990);
    assertEquals(10, table.size());
    for (long key = 99_990; key < 100_000; key++) {
      assertEquals(key, table.get(key * 128)[0].publishedAt);
    }
  }
}
