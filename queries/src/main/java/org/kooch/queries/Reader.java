package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where the views read their rows: the answer to one SELECT, as JSON objects in column order. The
 * command line and the reports pass a {@link org.kooch.clickhouse.ClickHouseGateway}'s
 * {@code query}; the web dashboard passes one that bounds how many queries run at once and how
 * long a request may take.
 */
@FunctionalInterface
public interface Reader {
  List<JsonNode> query(String select);
}
