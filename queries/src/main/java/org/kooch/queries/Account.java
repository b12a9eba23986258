package org.kooch.queries;

import org.kooch.clickhouse.Sql;

/** One channel on one platform: {@code platform/channel}. */
public record Account(String platform, String channel) implements Comparable<Account> {
  /** {@code (platform, channel)} as a SQL tuple literal. */
  String sqlTuple() {
    return "(" + Sql.literal(platform) + ", " + Sql.literal(channel) + ")";
  }

  @Override
  public int compareTo(Account o) {
    int c = platform.compareTo(o.platform);
    return c != 0 ? c : channel.compareTo(o.channel);
  }

  @Override
  public String toString() {
    return platform + "/" + channel;
  }
}
