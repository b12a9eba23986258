package org.kooch.streaming.platforms;

/** One row of {@code platform_daily}. */
public class PlatformDailyRow {
  public long epochDay;
  public String platform;
  public int trackedChannels;
  public long trackedSubscribers;
  public Long reportedUsers;
  public long posts;
  public long views;

  public PlatformDailyRow() {}

  boolean sameAs(PlatformDailyRow o) {
    return o != null && o.trackedChannels == trackedChannels && o.trackedSubscribers == trackedSubscribers
        && java.util.Objects.equals(o.reportedUsers, reportedUsers) && o.posts == posts && o.views == views;
  }

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(epochDay) + " " + platform + " channels=" + trackedChannels + " subs=" + trackedSubscribers
        + " reported=" + reportedUsers + " posts=" + posts + " views=" + views;
  }
}
