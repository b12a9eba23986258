package org.kooch.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li>no per-query settings on reads, so a {@code readonly=1} user works; writes send
 *       {@code insert_distributed_sync=1} (a cluster's inserts wait for the shards);
 *   <li>the client's own retries are off: callers decide with {@link ClickHouseErrors};
 *   <li>several nodes' URLs (a cluster): a request that cannot reach its node goes to the next.
 * </ul>
 */
public final class ClickHouseGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseGateway.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long TIMEOUT_S = 300;
  private static final String DISTRIBUTED_SYNC = "insert_distributed_sync";

  private final ClickHouseSettings settings;
  private final List<String> urls;
  private final List<Client> clients;
  /** The node the last successful call went to; calls start there. */
  private volatile int current;

  public ClickHouseGateway(ClickHouseSettings settings) {
    this.settings = settings;
    this.urls = settings.urls();
    List<Client> built = new ArrayList<>();
    for (String url : urls) {
      built.add(client(settings, url));
    }
    this.clients = List.copyOf(built);
  }

  private static Client client(ClickHouseSettings settings, String url) {
    return new Client.Builder()
        .addEndpoint(url)
        .setUsername(settings.user())
        .setPassword(settings.password())
        .setDefaultDatabase(settings.database())
        .serverSetting("database", settings.database())
        .compressServerResponse(false)
        .compressClientRequest(false)
        // A pooled connection idle past the server's keep_alive_timeout (3 s by default) has
        // been closed on the other end: drop them sooner, and send a request again (once) when
        // the server did not answer on a reused connection. Everything else is left to the
        // callers (the sink retries with backoff; a failed query is reported) and, with several
        // nodes, to the failover below.
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
    call("statement failed", client -> {
      try (CommandResponse r = client.execute(sql).get(TIMEOUT_S, TimeUnit.SECONDS)) {
        return null;
      }
    });
  }

  /** Runs an {@code INSERT ... SELECT} that, like the other inserts, returns when the shards have its rows. */
  public void executeInsert(String sql) {
    call("statement failed", client -> {
      try (CommandResponse r = client.execute(sql, commandSettings()).get(TIMEOUT_S, TimeUnit.SECONDS)) {
        return null;
      }
    });
  }

  /** Inserts newline-separated JSON objects into a table. */
  public void insertJsonEachRow(String table, byte[] jsonLines) {
    Sql.identifier(table);
    call("insert into " + table + " failed", client -> {
      try (InsertResponse r =
          client.insert(table, new ByteArrayInputStream(jsonLines), ClickHouseFormat.JSONEachRow, insertSettings())
              .get(TIMEOUT_S, TimeUnit.SECONDS)) {
        return null;
      }
    });
  }

  /**
   * Inserts {@code length} bytes of RowBinary rows holding {@code columns}, in that order (the
   * table's other columns take their defaults). RowBinary, unlike RowBinaryWithNamesAndTypes, is
   * read by 18.16 and current servers alike; the column list in the INSERT says what the bytes are.
   */
  public void insertRowBinary(String table, List<String> columns, byte[] rows, int length) {
    Sql.identifier(table);
    columns.forEach(Sql::identifier);
    call("insert into " + table + " failed", client -> {
      try (InsertResponse r =
          client.insert(table, columns, new ByteArrayInputStream(rows, 0, length), ClickHouseFormat.RowBinary, insertSettings())
              .get(TIMEOUT_S, TimeUnit.SECONDS)) {
        return null;
      }
    });
  }

  /** Rows of a SELECT as JSON objects (the gateway appends {@code FORMAT JSONEachRow}). */
  public List<JsonNode> query(String select) {
    String sql = select.strip().replaceFirst(";$", "") + "\nFORMAT JSONEachRow";
    return call("query failed", client -> {
      List<JsonNode> rows = new ArrayList<>();
      try (QueryResponse r = client.query(sql).get(TIMEOUT_S, TimeUnit.SECONDS);
          InputStream in = r.getInputStream();
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            rows.add(MAPPER.readTree(line));
          }
        }
      }
      return rows;
    });
  }

  /**
   * Writes wait for the shards: into a {@code Distributed} table, an insert returns only when every
   * shard has stored its rows ({@code insert_distributed_sync}; current servers read it as
   * {@code distributed_foreground_insert}), so a completed checkpoint means rows in the shards.
   * A server ignores it for any other table. Reads send no settings, so a {@code readonly=1} user works.
   */
  private static InsertSettings insertSettings() {
    return new InsertSettings().serverSetting(DISTRIBUTED_SYNC, "1");
  }

  private static CommandSettings commandSettings() {
    CommandSettings s = new CommandSettings();
    s.serverSetting(DISTRIBUTED_SYNC, "1");
    return s;
  }

  /** One request to ClickHouse, returning its result. */
  private interface Call<T> {
    T on(Client client) throws Exception;
  }

  /**
   * Runs a request on the current node; when that node cannot be reached (connection refused or
   * lost, a replica without ZooKeeper: {@link ClickHouseErrors#isNodeFailure}), on the next, each
   * node once. Sending a write again to another node is safe: every table collapses a row
   * written twice (a ReplacingMergeTree keeps one row per key, the aggregates of channel_monthly
   * are min/max/argMin/argMax, equal for equal rows).
   */
  private <T> T call(String what, Call<T> request) {
    int start = current;
    RuntimeException last = null;
    for (int attempt = 0; attempt < clients.size(); attempt++) {
      int node = (start + attempt) % clients.size();
      try {
        T result = request.on(clients.get(node));
        current = node;
        return result;
      } catch (Exception e) {
        Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        last = wrap(what, urls.get(node), cause);
        if (cause instanceof InterruptedException || !ClickHouseErrors.isNodeFailure(cause)) {
          throw last;
        }
        if (clients.size() > 1) {
          LOG.warn("{} at {} ({}); trying the next node", what, urls.get(node), firstLine(cause.getMessage()));
        }
      }
    }
    throw last;
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

  private static RuntimeException wrap(String what, String url, Throwable cause) {
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new ClickHouseException(
        what + " at " + url + ": " + firstLine(cause.getMessage()), cause, ClickHouseErrors.isRetryable(cause));
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
    clients.forEach(Client::close);
  }
}
