package org.kooch.streaming.flows;

/**
 * A channel's day-end count with the first day it was linked to a move ({@code Long.MAX_VALUE}:
 * never). Before that day the channel is a control for its platform's common shocks.
 */
public class ControlDayEnd {
  public DayEnd dayEnd;
  public long linkedSince;

  public ControlDayEnd() {}

  public ControlDayEnd(DayEnd dayEnd, long linkedSince) {
    this.dayEnd = dayEnd;
    this.linkedSince = linkedSince;
  }
}
