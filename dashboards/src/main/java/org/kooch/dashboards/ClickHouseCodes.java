package org.kooch.dashboards;

import com.clickhouse.client.api.ServerException;
import org.kooch.clickhouse.ClickHouseErrors;

/** ClickHouse's error code in a failure, for the few the dashboard tells apart. */
final class ClickHouseCodes {
  static final int TIMEOUT_EXCEEDED = 159;
  static final int READONLY = 164;
  static final int ACCESS_DENIED = 497;

  private ClickHouseCodes() {}

  /** The server's code of the first {@link ServerException} among the causes, or 0. */
  static int of(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ServerException s) {
        return ClickHouseErrors.serverCode(s);
      }
    }
    return 0;
  }
}
