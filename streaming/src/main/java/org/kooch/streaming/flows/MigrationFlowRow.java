package org.kooch.streaming.flows;

/** One row of {@code migration_flows}: a day's estimated flow from one platform to another. */
public class MigrationFlowRow {
  public long epochDay;
  public String fromPlatform;
  public String toPlatform;
  public long flow;
  public long flowLow;
  public long flowHigh;
  public int channelPairs;

  public MigrationFlowRow() {}

  @Override
  public String toString() {
    return java.time.LocalDate.ofEpochDay(epochDay) + " " + fromPlatform + ">" + toPlatform + " " + flow + " [" + flowLow + ".." + flowHigh + "] pairs=" + channelPairs;
  }
}
