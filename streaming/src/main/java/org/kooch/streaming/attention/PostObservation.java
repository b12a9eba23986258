package org.kooch.streaming.attention;

import org.kooch.schemas.Post;

/**
 * One collection of a post's view count, keyed by {@code platform/channel}: what the attention
 * operator needs of a {@link Post}. {@code views} is {@link #UNKNOWN} when the collector saw no
 * count, so an unknown count is never read as zero views.
 */
public class PostObservation {
  public static final long UNKNOWN = -1;

  public String platform;
  public String channel;
  public long postId;
  public long publishedAt;
  public long collectedAt;
  public long views;

  public PostObservation() {}

  public static PostObservation of(Post p) {
    PostObservation o = new PostObservation();
    o.platform = p.getPlatform();
    o.channel = p.getChannel();
    o.postId = p.getPostId();
    o.publishedAt = p.getPublishedAt().toEpochMilli();
    o.collectedAt = p.getCollectedAt().toEpochMilli();
    o.views = p.getViews() == null ? UNKNOWN : p.getViews();
    return o;
  }

  public String key() {
    return platform + "/" + channel;
  }

  @Override
  public String toString() {
    return key() + " post " + postId + " published " + publishedAt + " collected " + collectedAt + " views " + views;
  }
}
