package org.kooch.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.dashboards.query.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kooch sql "SELECT ..."}: an ad-hoc query as the read-only user; statements that write are refused. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run one ad-hoc query against the Kooch database as the read-only user and print the rows.",
        "Only SELECT, SHOW, DESCRIBE, EXISTS and WITH are accepted; the server refuses writes too."})
final class SqlCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "SQL", description = "The statement, e.g. \"SELECT day, flow FROM v_migration_flows LIMIT 5\".")
  String sql;

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json", converter = QueryOptions.FormatConverter.class,
      description = "Output: table (default), csv or json.")
  OutputFormat format;

  @Override
  public Integer call() {
    String statement = ReadOnlySql.check(sql);
    List<JsonNode> rows;
    try (ClickHouseGateway g = new ClickHouseGateway(connection.clickHouseReadOnly())) {
      rows = g.query(statement);
    }
    format.print(table(rows), Utf8Out.stdout());
    return 0;
  }

  /** Columns in the server's order (JSONEachRow keeps it); text as text, arrays and maps as JSON. */
  static Table table(List<JsonNode> rows) {
    List<String> columns = new ArrayList<>();
    if (!rows.isEmpty()) {
      rows.get(0).fieldNames().forEachRemaining(columns::add);
    }
    List<List<Object>> out = new ArrayList<>();
    for (JsonNode r : rows) {
      List<Object> values = new ArrayList<>();
      for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
        JsonNode v = r.get(it.next());
        values.add(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isTextual() ? v.asText() : v.toString());
      }
      out.add(values);
    }
    return new Table(columns, out);
  }
}
