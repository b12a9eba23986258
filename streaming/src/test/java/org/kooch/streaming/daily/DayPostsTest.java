package org.kooch.streaming.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DayPostsTest {
  @Test
  void keepsPostsSortedAndFindsEachOneAsAMapWould() {
    long[] posts = new long[0];
    TreeMap<Long, long[]> expected = new TreeMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      long id = random.nextInt(300) - 100; // repeats and negative ids
      int at = DayPosts.find(posts, id);
      if (at < 0) {
        posts = DayPosts.insert(posts, -at - 1, id, i, 10L * i);
        expected.put(id, new long[] {i, 10L * i});
      } else {
        DayPosts.update(posts, at, i, 10L * i);
        expected.put(id, new long[] {i, 10L * i});
      }
    }
    assertThat(posts.length / DayPosts.WIDTH).isEqualTo(expected.size());
    int index = 0;
    for (var e : expected.entrySet()) {
      assertThat(DayPosts.find(posts, e.getKey())).isEqualTo(index);
      assertThat(DayPosts.views(posts, index)).isEqualTo(e.getValue()[0]);
      assertThat(DayPosts.collectedAt(posts, index)).isEqualTo(e.getValue()[1]);
      index++;
    }
    assertThat(DayPosts.find(posts, 10_000)).isEqualTo(-expected.size() - 1);
  }
}
