package org.kooch.streaming.daily;

/** The latest collected state of one post (Flink state): its day and view count. */
public class PostSeen {
  public long epochDay;
  public long views;
  public long collectedAt;

  public PostSeen() {}

  public PostSeen(long epochDay, long views, long collectedAt) {
    this.epochDay = epochDay;
    this.views = views;
    this.collectedAt = collectedAt;
  }
}
