package org.kooch.streaming.daily;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.CopyableValue;
import org.apache.flink.types.StringValue;
import org.kooch.schemas.Post;
import org.kooch.schemas.SubscriberCount;

/**
 * What the daily aggregation needs of posts and subscriber counts, as one record keyed by
 * {@code platform/channel}. {@code time} is the event time: publishedAt or observedAt.
 *
 * <p>Every post and count becomes one and crosses the network at least once, so it serializes
 * itself ({@link CopyableValue}) instead of through Flink's reflective POJO serializer, and makes
 * its key once (the filter before the same-handle shuffle and the partitioners of two keyed
 * streams each ask for it). Its fields are set once, when it is made or read.
 */
public class ChannelEvent implements CopyableValue<ChannelEvent> {
  private static final long serialVersionUID = 1L;
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
  /** POST only: the collector saw no view count ({@code value} is then 0). */
  public boolean viewsUnknown;
  /** {@link #key()}, made on first use. */
  private transient String key;

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
    e.viewsUnknown = p.getViews() == null;
    e.postId = p.getPostId();
    e.collectedAt = p.getCollectedAt().toEpochMilli();
    return e;
  }

  public String key() {
    String k = key;
    if (k == null) {
      k = platform + "/" + channel;
      key = k;
    }
    return k;
  }

  @Override
  public void write(DataOutputView out) throws IOException {
    StringValue.writeString(platform, out);
    StringValue.writeString(channel, out);
    out.writeByte(kind);
    out.writeBoolean(viewsUnknown);
    out.writeLong(time);
    out.writeLong(value);
    out.writeLong(postId);
    out.writeLong(collectedAt);
  }

  @Override
  public void read(DataInputView in) throws IOException {
    platform = StringValue.readString(in);
    channel = StringValue.readString(in);
    kind = in.readByte();
    viewsUnknown = in.readBoolean();
    time = in.readLong();
    value = in.readLong();
    postId = in.readLong();
    collectedAt = in.readLong();
    key = null;
  }

  @Override
  public int getBinaryLength() {
    return -1;
  }

  @Override
  public void copyTo(ChannelEvent target) {
    target.platform = platform;
    target.channel = channel;
    target.kind = kind;
    target.time = time;
    target.value = value;
    target.postId = postId;
    target.collectedAt = collectedAt;
    target.viewsUnknown = viewsUnknown;
    target.key = key;
  }

  @Override
  public ChannelEvent copy() {
    ChannelEvent c = new ChannelEvent();
    copyTo(c);
    return c;
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    StringValue.copyString(source, target);
    StringValue.copyString(source, target);
    target.write(source, 2 + 4 * 8);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChannelEvent e)) {
      return false;
    }
    return kind == e.kind && time == e.time && value == e.value && postId == e.postId
        && collectedAt == e.collectedAt && viewsUnknown == e.viewsUnknown && Objects.equals(platform, e.platform) && Objects.equals(channel, e.channel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, channel, kind, time, value, postId, collectedAt, viewsUnknown);
  }

  @Override
  public String toString() {
    return (kind == COUNT ? "count " : "post " + postId + " ") + key() + "@" + time + "=" + value;
  }
}
