package org.kooch.streaming.flows;

import java.util.Objects;

/** One row of {@code channel_flows}: estimated subscribers who moved from one channel to another on a day. */
public class ChannelFlowRow {
  public long epochDay;
  public String fromPlatform;
  public String fromChannel;
  public String toPlatform;
  public String toChannel;
  public long flow;
  public long flowLow;
  public long flowHigh;

  public ChannelFlowRow() {}

  public ChannelFlowRow(long epochDay, String from, String to, long flow, long flowLow, long flowHigh) {
    this.epochDay = epochDay;
    String[] f = from.split("/", 2);
    String[] t = to.split("/", 2);
    this.fromPlatform = f[0];
    this.fromChannel = f[1];
    this.toPlatform = t[0];
    this.toChannel = t[1];
    this.flow = flow;
    this.flowLow = flowLow;
    this.flowHigh = flowHigh;
  }

  public String platformPair() {
    return fromPlatform + ">" + toPlatform;
  }

  public String channelPair() {
    return fromPlatform + "/" + fromChannel + ">" + toPlatform + "/" + toChannel;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelFlowRow r && r.epochDay == epochDay && r.flow == flow && r.flowLow == flowLow
        && r.flowHigh == flowHigh && r.channelPair().equals(channelPair());
  }

  @Override
  public int hashCode() {
    return Objects.hash(epochDay, channelPair(), flow);
  }

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(epochDay) + " " + channelPair() + " " + flow + " [" + flowLow + ".." + flowHigh + "]";
  }
}
