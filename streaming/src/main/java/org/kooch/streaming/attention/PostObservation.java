package org.kooch.streaming.attention;

import org.kooch.schemas.Post;
import org.kooch.streaming.daily.ChannelEvent;

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

  /** The observation a post's {@link ChannelEvent} carries: the post's channel, its times and its views. */
  public static PostObservation of(ChannelEvent e) {
    PostObservation o = new PostObservation();
    o.platform = e.platform;
    o.channel = e.channel;
    o.postId = e.postId;
    o.publishedAt = e.time;
    o.collectedAt = e.collectedAt;
    o.views = e.viewsUnknown ? UNKNOWN : e.value;
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
