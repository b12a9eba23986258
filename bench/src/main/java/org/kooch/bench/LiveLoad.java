package org.kooch.bench;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/**
 * Live records at a steady rate, dated now: rounds over {@code channels} channels on four
 * platforms, three rounds of posts to one round of subscriber counts (the mix of {@link
 * BenchRecords}). Some channels are probes ({@link #isProbe}): their posts and counts are the ones
 * {@link FreshnessProbes} times. A count's value grows with every record, so the highest count of a
 * channel's day names the latest count folded in.
 */
final class LiveLoad {
  private static final String[] PLATFORMS = {"telegram", "soroush", "gap", "eitaa"};
  private static final List<String> WORDS = List.of(
      "خبر", "فوری", "کانال", "ایران", "گزارش", "مردم", "دولت", "بازار", "قیمت", "تهران", "news", "today");
  /** Every {@code PROBE_STRIDE}-th channel is a probe (all on telegram, so one primary-key range). */
  static final int PROBE_STRIDE = 100;

  private final RecordPublisher publisher;
  private final int channels;
  private final FreshnessProbes probes;
  private final SplittableRandom random = new SplittableRandom(2018);
  private long sequence;
  private long posts;

  LiveLoad(RecordPublisher publisher, int channels, FreshnessProbes probes) {
    this.publisher = publisher;
    this.channels = channels;
    this.probes = probes;
  }

  static String channel(int c) {
    return "live_" + c;
  }

  static String platform(int c) {
    return PLATFORMS[c % PLATFORMS.length];
  }

  static boolean isProbe(int c) {
    return c % PROBE_STRIDE == 0;
  }

  /**
   * Publishes records at {@code rate} a second until {@code until} (System.nanoTime()); behind
   * schedule it catches up in bursts. Returns the records published.
   */
  long run(double rate, long until, boolean timed) throws InterruptedException {
    long start = System.nanoTime();
    long sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= until) {
        return sent;
      }
      long due = (long) ((now - start) / 1e9 * rate);
      while (sent < due) {
        publishNext(timed);
        sent++;
      }
      Thread.sleep(2);
    }
  }

  /** Posts published so far. */
  long posts() {
    return posts;
  }

  private void publishNext(boolean timed) {
    long i = sequence++;
    int c = (int) (i % channels);
    boolean countRound = (i / channels) % 4 == 3;
    long now = System.currentTimeMillis();
    Instant at = Instant.ofEpochMilli(now);
    if (countRound) {
      long subscribers = 1_000_000L + i;
      if (timed && isProbe(c)) {
        probes.countSent(channel(c), subscribers, now);
      }
      publisher.publish(SubscriberCount.newBuilder()
          .setPlatform(platform(c)).setChannel(channel(c)).setObservedAt(at).setSubscribers(subscribers).setSource("bench").build());
    } else {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 3; w++) {
        text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
      }
      for (int w = 0; w < 9; w++) {
        text.append('w').append(Integer.toString(random.nextInt(20_000), 36)).append(' ');
      }
      text.append(i);
      posts++;
      if (timed && isProbe(c)) {
        probes.postSent(channel(c), i, now);
      }
      publisher.publish(Post.newBuilder()
          .setPlatform(platform(c)).setChannel(channel(c)).setPostId(i).setPublishedAt(at).setCollectedAt(at)
          .setText(text.toString()).setViews((long) random.nextInt(100_000)).setForwards(null).setForwardedFrom(null)
          .setLinks(List.of()).setSource("bench").build());
    }
  }
}
