package org.kooch.streaming.flows;

/** A channel's subscriber count estimated at the end of a UTC day (midnight after {@code epochDay}). */
public class DayEnd {
  public String platform;
  public String channel;
  public long epochDay;
  public double value;
  /** Half-width of the range the observations allow (rounded counters). */
  public double uncertainty;

  public DayEnd() {}

  public DayEnd(String platform, String channel, long epochDay, double value, double uncertainty) {
    this.platform = platform;
    this.channel = channel;
    this.epochDay = epochDay;
    this.value = value;
    this.uncertainty = uncertainty;
  }

  public String key() {
    return platform + "/" + channel;
  }

  @Override
  public String toString() {
    return key() + " " + java.time.LocalDate.ofEpochDay(epochDay) + " " + Math.round(value) + "±" + Math.round(uncertainty);
  }
}
