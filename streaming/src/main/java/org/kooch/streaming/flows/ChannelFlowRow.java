package org.kooch.streaming.flows;

import static org.kooch.streaming.clickhouse.RowEncoder.date;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;

import java.util.Objects;
import java.util.List;
import org.kooch.streaming.clickhouse.RowEncoder;
import org.kooch.streaming.clickhouse.VersionClock;

/** One row of {@code channel_flows}: estimated subscribers who moved from one channel to another on a day. */
public class ChannelFlowRow {
  /** The {@code channel_flows} row, as the ClickHouse sink writes it: columns as in {@code clickhouse/*.sql}, values in RowBinary. */
  public static final RowEncoder<ChannelFlowRow> ENCODER = RowEncoder.of(
      List.of("day", "from_platform", "from_channel", "to_platform", "to_channel", "flow", "flow_low", "flow_high", "found_by",
          "version"),
      (f, row) -> {
        date(row, f.epochDay);
        row.writeString(f.fromPlatform);
        row.writeString(f.fromChannel);
        row.writeString(f.toPlatform);
        row.writeString(f.toChannel);
        row.writeInt64(f.flow);
        row.writeInt64(f.flowLow);
        row.writeInt64(f.flowHigh);
        row.writeString(FoundBy.orAnnounced(f.foundBy));
        uint64(row, VersionClock.next());
      });

  public long epochDay;
  public String fromPlatform;
  public String fromChannel;
  public String toPlatform;
  public String toChannel;
  public long flow;
  public long flowLow;
  public long flowHigh;
  /** How the pair was found ({@link FoundBy}). */
  public String foundBy = FoundBy.ANNOUNCED;

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
        && r.flowHigh == flowHigh && r.channelPair().equals(channelPair()) && Objects.equals(r.foundBy, foundBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epochDay, channelPair(), flow);
  }

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(epochDay) + " " + channelPair() + " " + flow + " [" + flowLow + ".." + flowHigh + "] " + foundBy;
  }
}
