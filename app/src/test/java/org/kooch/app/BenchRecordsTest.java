package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

class BenchRecordsTest {
  @Test
  void writesValidRecordsThreePostsToOneCount(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bench.jsonl");
    assertThat(BenchRecords.write(file, 4_000)).isEqualTo(4_000);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4_000);
    JsonLinesCodec codec = new JsonLinesCodec();
    List<Object> records = lines.stream().map(l -> (Object) codec.decode(l)).toList();
    assertThat(records).filteredOn(Post.class::isInstance).hasSize(3_000);
    assertThat(records).filteredOn(SubscriberCount.class::isInstance).hasSize(1_000);
    assertThat(Files.readAllLines(file)).isEqualTo(lines);
  }

  @Test
  void percentilesAreNearestRank() {
    double[] sorted = new double[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertThat(QueryLatency.percentile(sorted, 0.50)).isEqualTo(50);
    assertThat(QueryLatency.percentile(sorted, 0.99)).isEqualTo(99);
    assertThat(QueryLatency.percentile(new double[] {7}, 0.99)).isEqualTo(7);
  }
}
