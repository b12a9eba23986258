package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseSettings;

/**
 * The read-only profile that {@code bin/kooch-clickhouse} writes, on a private server started with
 * it (ClickHouse refuses to start on a setting it does not know): {@code kooch sql} runs under its
 * limits, and a result past 1,000,000 rows is stopped by ClickHouse and reported as a failure.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class SqlCommandTest {
  @Test
  void theReadOnlyProfileLimitsResultsRowsReadAndTime(@TempDir Path dir) throws Exception {
    assumeTrue(OwnClickHouse.available(), "clickhouse-server is not installed");
    try (OwnClickHouse own = OwnClickHouse.start(dir)) {
      ClickHouseSettings s = own.freshDatabase("sql_profile");
      String[] conn = {"--clickhouse", s.url(), "--database", s.database()};
      EndToEndTest.Result settings = EndToEndTest.kooch(EndToEndTest.concat(new String[] {"sql",
          "SELECT name, value FROM system.settings WHERE changed AND name IN ('readonly', 'max_execution_time', 'timeout_overflow_mode',"
              + " 'max_rows_to_read', 'read_overflow_mode', 'max_result_rows', 'result_overflow_mode') ORDER BY name",
          "--format", "csv"}, conn));
      assertThat(settings.exit()).as(settings.err()).isZero();
      assertThat(settings.out().lines()).containsExactly("name,value", "max_execution_time,60", "max_result_rows,1000000",
          "max_rows_to_read,5000000000", "read_overflow_mode,throw", "readonly,1", "result_overflow_mode,throw",
          "timeout_overflow_mode,throw");

      EndToEndTest.Result big = EndToEndTest.kooch(EndToEndTest.concat(new String[] {"sql",
          "SELECT number FROM system.numbers LIMIT 1000001", "--max-rows", "0", "--format", "csv"}, conn));
      assertThat(big.exit()).isEqualTo(1);
      assertThat(big.err()).contains("Code: 396").contains("Limit for result exceeded");
    }
  }
}
