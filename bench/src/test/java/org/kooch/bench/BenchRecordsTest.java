package org.kooch.bench;

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
    assertThat(BenchRecords.write(file, 8_000)).isEqualTo(8_000);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(8_000);
    JsonLinesCodec codec = new JsonLinesCodec();
    List<Object> records = lines.stream().map(l -> (Object) codec.decode(l)).toList();
    assertThat(records).filteredOn(Post.class::isInstance).hasSize(6_000);
    assertThat(records).filteredOn(SubscriberCount.class::isInstance).hasSize(2_000);
    assertThat(Files.readAllLines(file)).isEqualTo(lines);
    // every channel has both posts and counts; the counts of every platform
    assertThat(records).filteredOn(SubscriberCount.class::isInstance).map(r -> ((SubscriberCount) r).getPlatform()).containsOnly(
        "telegram", "soroush", "gap", "eitaa").hasSize(2_000);
    assertThat(records).filteredOn(SubscriberCount.class::isInstance).map(r -> ((SubscriberCount) r).getChannel()).doesNotHaveDuplicates()
        .hasSize(BenchRecords.CHANNELS);
  }

  @Test
  void recordsComeAtTheDensityOfHourlyCollection(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bench.jsonl");
    long n = 2 * BenchRecords.RECORDS_PER_DAY;
    BenchRecords.write(file, n);
    JsonLinesCodec codec = new JsonLinesCodec();
    java.util.Set<java.time.LocalDate> days = new java.util.TreeSet<>();
    try (var lines = Files.lines(file)) {
      lines.map(codec::decode).filter(Post.class::isInstance)
          .forEach(r -> days.add(((Post) r).getPublishedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    }
    assertThat(days).containsExactly(java.time.LocalDate.of(2019, 1, 1), java.time.LocalDate.of(2019, 1, 2));
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
