package org.kooch.streaming.platforms;

/**
 * What {@code platform_daily} is built from, as one POJO keyed by platform: a channel's day-end
 * count, a channel's day of activity (posts, views), or a reported user count.
 */
public class PlatformInput {
  public static final int DAY_END = 1;
  public static final int ACTIVITY = 2;
  public static final int REPORTED = 3;

  public int kind;
  public String platform;
  public String channel;
  public long epochDay;
  /** DAY_END: subscribers; REPORTED: users. */
  public long value;
  public long posts;
  public long views;

  public PlatformInput() {}

  public static PlatformInput dayEnd(String platform, String channel, long epochDay, long subscribers) {
    PlatformInput p = new PlatformInput();
    p.kind = DAY_END;
    p.platform = platform;
    p.channel = channel;
    p.epochDay = epochDay;
    p.value = subscribers;
    return p;
  }

  public static PlatformInput activity(String platform, String channel, long epochDay, long posts, long views) {
    PlatformInput p = new PlatformInput();
    p.kind = ACTIVITY;
    p.platform = platform;
    p.channel = channel;
    p.epochDay = epochDay;
    p.posts = posts;
    p.views = views;
    return p;
  }

  public static PlatformInput reported(String platform, long epochDay, long users) {
    PlatformInput p = new PlatformInput();
    p.kind = REPORTED;
    p.platform = platform;
    p.epochDay = epochDay;
    p.value = users;
    return p;
  }
}
