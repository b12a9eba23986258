package org.kooch.streaming.flows;

/** A platform's common shock on a day: the relative change its unlinked channels share beyond their own trend. */
public class ShockDay {
  public String platform;
  public long epochDay;
  public double rate;

  public ShockDay() {}

  public ShockDay(String platform, long epochDay, double rate) {
    this.platform = platform;
    this.epochDay = epochDay;
    this.rate = rate;
  }
}
