package org.kooch.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every conversation with ClickHouse goes through here, so that the server-version specifics live
 * in one class. Written for both Debian's 18.16 and current servers:
 *
 * <ul>
 *   <li>response compression off (18.16 returns silently empty bodies with it on);
 *   <li>reads put {@code FORMAT JSONEachRow} in the SQL (18.16 ignores the client's format header
 *       and lacks RowBinaryWithNamesAndTypes); 64-bit integers may come back quoted;
 *   <li>inserts are JSONEachRow bodies;
 *   <li>the database goes as the {@code database} URL parameter (18.16 ignores the header);
 *   <li>no per-query settings, so a {@code readonly=1} user works;
 *   <li>the client's own retries are off: callers decide with {@link ClickHouseErrors}.
 * </ul>
 */
public final class ClickHouseGateway implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long TIMEOUT_S = 300;

  private final ClickHouseSettings settings;
  private final Client client;

  public ClickHouseGateway(ClickHouseSettings settings) {
    this.settings = settings;
    this.client =
        new Client.Builder()
            .addEndpoint(settings.url())
            .setUsername(settings.user())
            .setPassword(settings.password())
            .setDefaultDatabase(settings.database())
            .serverSetting("database", settings.database())
            .compressServerResponse(false)
            .compressClientRequest(false)
            // A pooled connection idle past the server's keep_alive_timeout (3 s by default) has
            // been closed on the other end: drop them sooner, and send a request again (once) when
            // the server did not answer on a reused connection. Everything else is left to the
            // callers (the sink retries with backoff; a failed query is reported).
            .setKeepAliveTimeout(2, ChronoUnit.SECONDS)
            .retryOnFailures(ClientFaultCause.NoHttpResponse)
            .setMaxRetries(1)
            .setConnectTimeout(5, ChronoUnit.SECONDS)
            .setSocketTimeout(TIMEOUT_S, ChronoUnit.SECONDS)
            .setConnectionRequestTimeout(10, ChronoUnit.SECONDS)
            .build();
  }

  /** A gateway with no default database yet (for CREATE DATABASE). */
  public static ClickHouseGateway forServer(ClickHouseSettings settings) {
    return new ClickHouseGateway(settings.withDatabase("default"));
  }

  public ClickHouseSettings settings() {
    return settings;
  }

  /** Runs a statement (DDL, INSERT ... SELECT) and returns when the server has finished it. */
  public void execute(String sql) {
    try (CommandResponse r = client.execute(sql).get(TIMEOUT_S, TimeUnit.SECONDS)) {
      // completed
    } catch (Exception e) {
      throw wrap("statement failed", e);
    }
  }

  /** Inserts newline-separated JSON objects into a table. */
  public void insertJsonEachRow(String table, byte[] jsonLines) {
    Sql.identifier(table);
    try (InsertResponse r =
        client.insert(table, new ByteArrayInputStream(jsonLines), ClickHouseFormat.JSONEachRow)
            .get(TIMEOUT_S, TimeUnit.SECONDS)) {
      // completed
    } catch (Exception e) {
      throw wrap("insert into " + table + " failed", e);
    }
  }

  /**
   * Inserts {@code length} bytes of RowBinary rows holding {@code columns}, in that order (the
   * table's other columns take their defaults). RowBinary, unlike RowBinaryWithNamesAndTypes, is
   * read by 18.16 and current servers alike; the column list in the INSERT says what the bytes are.
   */
  public void insertRowBinary(String table, List<String> columns, byte[] rows, int length) {
    Sql.identifier(table);
    columns.forEach(Sql::identifier);
    try (InsertResponse r =
        client.insert(table, columns, new ByteArrayInputStream(rows, 0, length), ClickHouseFormat.RowBinary)
            .get(TIMEOUT_S, TimeUnit.SECONDS)) {
      // completed
    } catch (Exception e) {
      throw wrap("insert into " + table + " failed", e);
    }
  }

  /** Rows of a SELECT as JSON objects (the gateway appends {@code FORMAT JSONEachRow}). */
  public List<JsonNode> query(String select) {
    List<JsonNode> rows = new ArrayList<>();
    String sql = select.strip().replaceFirst(";$", "") + "\nFORMAT JSONEachRow";
    try (QueryResponse r = client.query(sql).get(TIMEOUT_S, TimeUnit.SECONDS);
        InputStream in = r.getInputStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          rows.add(MAPPER.readTree(line));
        }
      }
    } catch (Exception e) {
      throw wrap("query failed", e);
    }
    return rows;
  }

  /** One number from a query like {@code SELECT count() FROM t}. */
  public long queryLong(String select) {
    List<JsonNode> rows = query(select);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException("expected one value from: " + select);
    }
    return rows.get(0).elements().next().asLong();
  }

  /** True when the server answers. */
  public boolean ping() {
    try {
      query("SELECT 1 AS ok");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private RuntimeException wrap(String what, Exception e) {
    Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new ClickHouseException(
        what + " at " + settings.url() + ": " + firstLine(cause.getMessage()), cause, ClickHouseErrors.isRetryable(cause));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    client.close();
  }
}
