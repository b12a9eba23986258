package org.kooch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.clickhouse.Sql;
import org.kooch.queries.KnownRows;

/**
 * Every query in the Grafana dashboard runs against a real ClickHouse (as the read-only user) and
 * returns rows, after the ClickHouse data source's macros and the template variables are expanded
 * the way Grafana expands them.
 */
class GrafanaDashboardsTest {
  static final LocalDate FROM = LocalDate.of(2018, 4, 1);
  static final LocalDate TO = LocalDate.of(2018, 4, 30);
  static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\((\\w+)\\)");
  static final Pattern DATE_FILTER = Pattern.compile("\\$__dateFilter\\((\\w+)\\)");

  @Test
  void everyPanelQueryRunsAndReturnsRows() throws Exception {
    JsonNode dashboard;
    try (InputStream in = getClass().getResourceAsStream("/grafana/kooch-migration.json")) {
      dashboard = new ObjectMapper().readTree(in);
    }
    ClickHouseSettings ch = KnownRows.database("grafana");
    try (ClickHouseGateway g = new ClickHouseGateway(ClickHouseTestServer.readOnly(ch))) {
      String variableQuery = variable(dashboard, "platform").get("query").asText();
      List<String> platforms = new ArrayList<>();
      g.query(variableQuery).forEach(r -> platforms.add(r.get("platform").asText()));
      assertThat(platforms).contains("telegram", "soroush");

      int queries = 0;
      for (JsonNode panel : dashboard.get("panels")) {
        for (JsonNode target : panel.get("targets")) {
          assertThat(target.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo("${datasource}");
          String sql = expand(target.get("rawSql").asText(), platforms);
          assertThat(sql).as("unexpanded macro or variable in " + panel.get("title")).doesNotContain("$");
          assertThat(g.query(sql)).as(panel.get("title").asText() + ":\n" + sql).isNotEmpty();
          queries++;
        }
      }
      assertThat(queries).isEqualTo(dashboard.get("panels").size()).isGreaterThanOrEqualTo(7);
    }
  }

  /** What the ClickHouse data source does to a query before it sends it, for the dashboard's time range. */
  static String expand(String sql, List<String> platforms) {
    long from = FROM.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    long to = TO.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1;
    String s = replace(TIME_FILTER, sql, c -> c + " >= toDateTime(" + from + ") AND " + c + " <= toDateTime(" + to + ")");
    s = replace(DATE_FILTER, s, c -> c + " >= toDate('" + FROM + "') AND " + c + " <= toDate('" + TO + "')");
    return s.replace("${platform:singlequote}", platforms.stream().map(Sql::literal).collect(Collectors.joining(",")));
  }

  private static String replace(Pattern p, String sql, java.util.function.Function<String, String> with) {
    Matcher m = p.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    for (JsonNode v : dashboard.get("templating").get("list")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name);
  }
}
