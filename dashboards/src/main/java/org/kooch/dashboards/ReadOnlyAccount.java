package org.kooch.dashboards;

import org.kooch.clickhouse.ClickHouseException;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's check, before it answers anyone, that its ClickHouse account cannot write. It
 * tries a write that changes nothing if it is allowed, an {@code INSERT} of no rows into
 * {@code platform_daily} (a table no materialized view reads), and expects ClickHouse to refuse it:
 * code 164 (readonly, ClickHouse 18.16 and later) or 497 (access denied, servers with grants). If
 * the insert goes through, or the check cannot be made (ClickHouse down, database not migrated),
 * the dashboard does not start.
 */
final class ReadOnlyAccount {
  private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyAccount.class);

  private ReadOnlyAccount() {}

  static void verify(ClickHouseGateway clickhouse) {
    String user = clickhouse.settings().user();
    String table = LogicalRows.PLATFORM_DAILY.table();
    try {
      clickhouse.execute("INSERT INTO " + table + " SELECT * FROM " + table + " WHERE 0");
    } catch (ClickHouseException e) {
      int code = ClickHouseCodes.of(e);
      if (code == ClickHouseCodes.READONLY || code == ClickHouseCodes.ACCESS_DENIED) {
        LOG.info("ClickHouse account '{}' is read-only (a test write was refused with code {})", user, code);
        return;
      }
      throw new IllegalStateException("cannot check that the dashboard's ClickHouse account '" + user + "' is read-only: "
          + ApiErrors.withoutCredentials(e.getMessage()), e);
    }
    throw new IllegalStateException("the dashboard's ClickHouse account '" + user + "' can write (a test INSERT of no rows into "
        + clickhouse.settings().database() + "." + table + " was accepted): give the dashboard a read-only account"
        + " (readonly = 1, such as kooch_readonly of bin/kooch-clickhouse)");
  }

}
