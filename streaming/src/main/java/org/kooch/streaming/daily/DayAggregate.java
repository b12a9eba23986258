package org.kooch.streaming.daily;

/**
 * The running aggregate of one channel and UTC day (Flink state, a POJO). {@code inputs} counts
 * every event folded in; it is the row version, so a row computed from more input always wins in
 * ClickHouse's ReplacingMergeTree, also across a full reprocessing.
 */
public class DayAggregate {
  public long epochDay;
  public long lastObservedAt = Long.MIN_VALUE;
  public long lastSubscribers = -1;
  public long minSubscribers = Long.MAX_VALUE;
  public long maxSubscribers = Long.MIN_VALUE;
  public int observations;
  public int posts;
  public long views;
  public long inputs;
  public boolean emitted;
  /**
   * The day is in the operator's changed open days (its early row is due): a change needs not read
   * that list again (ChannelDailyAggregator).
   */
  public boolean earlyPending;
  /**
   * The chunks the day's posts are split into ({@link org.kooch.streaming.state.DayChunks}); 0 in
   * state written before the field existed, read as one chunk.
   */
  public int chunks;

  public DayAggregate() {}

  public DayAggregate(long epochDay) {
    this.epochDay = epochDay;
    this.chunks = 1;
  }

  void addCount(long observedAt, long subscribers) {
    observations++;
    inputs++;
    // Ties (the same instant seen twice) keep the larger count so the result is order-independent.
    if (observedAt > lastObservedAt || (observedAt == lastObservedAt && subscribers > lastSubscribers)) {
      lastObservedAt = observedAt;
      lastSubscribers = subscribers;
    }
    minSubscribers = Math.min(minSubscribers, subscribers);
    maxSubscribers = Math.max(maxSubscribers, subscribers);
  }

  void addPost(long viewsDelta, boolean firstTimeSeen) {
    inputs++;
    if (firstTimeSeen) {
      posts++;
    }
    views += viewsDelta;
  }

  public ChannelDailyRow toRow(String platform, String channel) {
    ChannelDailyRow r = new ChannelDailyRow();
    r.platform = platform;
    r.channel = channel;
    r.epochDay = epochDay;
    boolean counted = observations > 0;
    r.subscribers = counted ? lastSubscribers : null;
    r.subscribersMin = counted ? minSubscribers : null;
    r.subscribersMax = counted ? maxSubscribers : null;
    r.observations = observations;
    r.posts = posts;
    r.views = views;
    r.version = inputs;
    return r;
  }
}
