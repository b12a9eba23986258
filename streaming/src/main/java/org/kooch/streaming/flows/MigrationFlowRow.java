package org.kooch.streaming.flows;

import static org.kooch.streaming.clickhouse.RowEncoder.date;
import static org.kooch.streaming.clickhouse.RowEncoder.uint64;
import java.util.List;
import org.kooch.streaming.clickhouse.RowEncoder;
import org.kooch.streaming.clickhouse.VersionClock;

/** One row of {@code migration_flows}: a day's estimated flow from one platform to another. */
public class MigrationFlowRow {
  /** The {@code migration_flows} row, as the ClickHouse sink writes it: columns as in {@code clickhouse/*.sql}, values in RowBinary. */
  public static final RowEncoder<MigrationFlowRow> ENCODER = RowEncoder.of(
      List.of("day", "from_platform", "to_platform", "flow", "flow_low", "flow_high", "channel_pairs", "inferred_flow",
          "inferred_pairs", "version"),
      (f, row) -> {
        date(row, f.epochDay);
        row.writeString(f.fromPlatform);
        row.writeString(f.toPlatform);
        row.writeInt64(f.flow);
        row.writeInt64(f.flowLow);
        row.writeInt64(f.flowHigh);
        row.writeUInt32(f.channelPairs);
        row.writeInt64(f.inferredFlow);
        row.writeUInt32(f.inferredPairs);
        uint64(row, VersionClock.next());
      });

  public long epochDay;
  public String fromPlatform;
  public String toPlatform;
  public long flow;
  public long flowLow;
  public long flowHigh;
  public int channelPairs;
  /** The part of {@link #flow} on pairs found by inference ({@link FoundBy#INFERRED}), and how many. */
  public long inferredFlow;
  public int inferredPairs;

  public MigrationFlowRow() {}

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(epochDay) + " " + fromPlatform + ">" + toPlatform + " " + flow + " [" + flowLow + ".." + flowHigh + "] pairs=" + channelPairs + " inferred=" + inferredFlow + "/" + inferredPairs;
  }
}
