package org.kooch.streaming.daily;

import java.time.LocalDate;
import java.util.Objects;

/** One row of {@code channel_daily}. Nullable subscriber fields: no count was observed that day. */
public class ChannelDailyRow {
  public String platform;
  public String channel;
  public long epochDay;
  public Long subscribers;
  public Long subscribersMin;
  public Long subscribersMax;
  public int observations;
  public int posts;
  public long views;
  public long version;

  public ChannelDailyRow() {}

  public LocalDate day() {
    return LocalDate.ofEpochDay(epochDay);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ChannelDailyRow r)) {
      return false;
    }
    return epochDay == r.epochDay && observations == r.observations && posts == r.posts && views == r.views
        && version == r.version && Objects.equals(platform, r.platform) && Objects.equals(channel, r.channel)
        && Objects.equals(subscribers, r.subscribers) && Objects.equals(subscribersMin, r.subscribersMin)
        && Objects.equals(subscribersMax, r.subscribersMax);
  }

  @Override
  public int hashCode() {
    return Objects.hash(platform, channel, epochDay, subscribers, version);
  }

  @Override
  public String toString() {
    return platform + "/" + channel + " " + day() + " subs=" + subscribers + " [" + subscribersMin + ".."
        + subscribersMax + "] obs=" + observations + " posts=" + posts + " views=" + views + " v" + version;
  }
}
