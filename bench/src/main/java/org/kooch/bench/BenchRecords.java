package org.kooch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The performance benchmark's input: {@code n} records as JSON Lines, 2,000 channels on four
 * platforms from 2019-01-01 on, at the density of hourly collection: each channel has a subscriber
 * count every hour and three posts per count (96 records a channel-day, 192,000 a day), so {@code n}
 * records span {@code n / 192,000} days (50M records: 260 days). The density matters: a job's
 * per-channel-day work (day ends, channel_daily rows) is the same for 200k records spread over a
 * year as for 70M. Texts are twelve words: a few common Persian ones and tokens from a vocabulary
 * of 20,000, so that posts are mostly distinct, as real channels' are (the same-content detector
 * compares similar ones). Deterministic.
 */
final class BenchRecords {
  static final int CHANNELS = 2_000;
  static final long RECORDS_PER_DAY = CHANNELS * 96L;
  private static final String[] PLATFORMS = {"telegram", "soroush", "gap", "eitaa"};
  private static final String[] WORDS = {
    "خبر", "فوری", "رهبر", "انقلاب", "سروش", "تلگرام", "کانال", "ایران", "news", "update", "today", "video",
    "گزارش", "مردم", "دولت", "بازار", "قیمت", "دلار", "سفر", "ورزش", "فوتبال", "هوا", "تهران", "#iran"};
  private static final long START = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond();

  private BenchRecords() {}

  /** Writes the records to {@code file}; returns how many. */
  static long write(Path file, long n) throws IOException {
    SplittableRandom random = new SplittableRandom(2018);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < n; i++) {
        int c = (int) (i % CHANNELS);
        String platform = PLATFORMS[c % PLATFORMS.length];
        long at = START + (i * 86_400L / RECORDS_PER_DAY);
        String channel = "bench_" + c;
        if ((i / CHANNELS) % 4 == 3) { // every fourth round over the channels is a count round
          out.write("{\"type\":\"subscribers\",\"platform\":\"" + platform + "\",\"channel\":\"" + channel
              + "\",\"observedAt\":\"" + Instant.ofEpochSecond(at) + "\",\"subscribers\":" + (10_000 + c * 37 + i / CHANNELS)
              + ",\"source\":\"bench\"}");
        } else {
          StringBuilder text = new StringBuilder();
          for (int w = 0; w < 12; w++) {
            if (w < 3) {
              text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            } else {
              text.append("w").append(Integer.toString(random.nextInt(20_000), 36)).append(' ');
            }
          }
          text.append(i);
          out.write("{\"type\":\"post\",\"platform\":\"" + platform + "\",\"channel\":\"" + channel + "\",\"postId\":" + i
              + ",\"publishedAt\":\"" + Instant.ofEpochSecond(at) + "\",\"collectedAt\":\"" + Instant.ofEpochSecond(at + 3600)
              + "\",\"text\":\"" + text + "\",\"views\":" + random.nextInt(1_000_000) + ",\"source\":\"bench\"}");
        }
        out.write('\n');
      }
    }
    return n;
  }
}
