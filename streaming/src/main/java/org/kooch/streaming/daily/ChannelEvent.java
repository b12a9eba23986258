package org.kooch.streaming.daily;

import java.util.Objects;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/**
 * What the daily aggregation needs of posts and subscriber counts, as one Flink POJO keyed by
 * {@code platform/channel}. {@code time} is the event time: publishedAt or observedAt.
 */
public class ChannelEvent {
  public static final int COUNT = 1;
  public static final int POST = 2;

  public String platform;
  public String channel;
  public int kind;
  public long time;
  /** COUNT: subscribers. POST: views (0 when unknown). */
  public long value;
  /** POST only. */
  public long postId;
  /** POST only: when this view count was collected; newer collections replace older ones. */
  public long collectedAt;

  public ChannelEvent() {}

  public static ChannelEvent of(SubscriberCount s) {
    ChannelEvent e = new ChannelEvent();
    e.platform = s.getPlatform();
    e.channel = s.getChannel();
    e.kind = COUNT;
    e.time = s.getObservedAt().toEpochMilli();
    e.value = s.getSubscribers();
    return e;
  }

  public static ChannelEvent of(Post p) {
    ChannelEvent e = new ChannelEvent();
    e.platform = p.getPlatform();
    e.channel = p.getChannel();
    e.kind = POST;
    e.time = p.getPublishedAt().toEpochMilli();
    e.value = p.getViews() == null ? 0 : p.getViews();
    e.postId = p.getPostId();
    e.collectedAt = p.getCollectedAt().toEpochMilli();
    return e;
  }

  public String key() {
    return platform + "/" + channel;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChannelEvent e)) {
      return false;
    }
    return kind == e.kind && time == e.time && value == e.value && postId == e.postId
        && collectedAt == e.collectedAt && Objects.equals(platform, e.platform) && Objects.equals(channel, e.channel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, channel, kind, time, value, postId, collectedAt);
  }

  @Override
  public String toString() {
    return (kind == COUNT ? "count " : "post " + postId + " ") + key() + "@" + time + "=" + value;
  }
}
