package org.kooch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.kooch.clickhouse.ClickHouseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kooch sql "SELECT ..."}: an ad-hoc query as the read-only user; statements that write are
 * refused. Rows are printed as ClickHouse sends them, never all held in memory, and at most
 * {@code --max-rows} of them.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run one ad-hoc query against the Kooch database as the read-only user and print the rows as they arrive.",
        "Only SELECT, SHOW, DESCRIBE, EXISTS and WITH are accepted; the server refuses writes too.",
        "The read-only account's profile limits a query to 60 s and 1,000,000 result rows (bin/kooch-clickhouse)."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:all rows printed", "1:the query was refused or failed", "2:bad options",
        "3:more rows than --max-rows: the first N were printed, and a note on stderr says the output was cut"})
final class SqlCommand implements Callable<Integer> {
  static final int CUT = 3;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "SQL", description = "The statement, e.g. \"SELECT day, flow FROM v_migration_flows LIMIT 5\".")
  String sql;

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json", converter = QueryOptions.FormatConverter.class,
      description = "Output: table (default; its first 1,000 rows set the column widths), csv or json.")
  OutputFormat format;

  @Option(names = "--max-rows", defaultValue = "10000", paramLabel = "N",
      description = "Print at most N rows (default ${DEFAULT-VALUE}; 0: no limit of its own). When the query has more, the output"
          + " stops after N rows (still valid CSV or JSON), stderr says it was cut, and the exit code is 3.")
  long maxRows;

  @Override
  public Integer call() {
    if (maxRows < 0) {
      throw new IllegalArgumentException("--max-rows must be 0 (no limit) or more, got " + maxRows);
    }
    String statement = ReadOnlySql.check(sql);
    PrintWriter out = Utf8Out.stdout();
    long printed = 0;
    boolean cut = false;
    try (RowStream rows = RowStream.open(connection.clickHouseReadOnly(), statement)) {
      OutputFormat.RowPrinter printer = format.printer(out);
      JsonNode row;
      while ((row = rows.next()) != null) {
        if (maxRows > 0 && printed == maxRows) {
          cut = true;
          break;
        }
        if (printed == 0) {
          printer.columns(columns(row));
        }
        printer.row(values(row));
        printed++;
        if (!rows.ready()) {
          printer.flush();
        }
      }
      if (printed == 0) {
        printer.columns(List.of());
      }
      printer.end();
    }
    if (cut) {
      System.err.println("kooch sql: output cut at " + maxRows + " rows (--max-rows " + maxRows
          + "): the query returns more; narrow it (WHERE, LIMIT) or raise --max-rows");
      return CUT;
    }
    return 0;
  }

  /** Column names in the server's order (JSONEachRow keeps it). */
  static List<String> columns(JsonNode row) {
    List<String> columns = new ArrayList<>();
    row.fieldNames().forEachRemaining(columns::add);
    return columns;
  }

  /** Text as text, numbers as numbers, arrays and maps as JSON. */
  static List<Object> values(JsonNode row) {
    List<Object> values = new ArrayList<>();
    for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
      JsonNode v = row.get(it.next());
      values.add(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isTextual() ? v.asText() : v.toString());
    }
    return values;
  }

  /**
   * A SELECT's rows read from ClickHouse's HTTP interface one at a time as they arrive
   * ({@code FORMAT JSONEachRow}, no compression, the database as the {@code database} parameter,
   * the account in the X-ClickHouse-User/Key headers: what 18.16 and current servers both read).
   * Closing it early closes the connection, and ClickHouse stops the query. An error after the
   * first rows arrives as a line of text in place of a row: it is thrown as the query's failure.
   */
  static final class RowStream implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final BufferedReader reader;

    private RowStream(BufferedReader reader) {
      this.reader = reader;
    }

    static RowStream open(ClickHouseSettings settings, String select) {
      // A cluster's nodes in turn: the first that answers runs the query.
      HttpResponse<InputStream> response = null;
      IOException unreachable = null;
      for (String url : settings.urls()) {
        String base = url.replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(base + "/?database=" + URLEncoder.encode(settings.database(), StandardCharsets.UTF_8)))
            .header("X-ClickHouse-User", settings.user())
            .POST(HttpRequest.BodyPublishers.ofString(select + "\nFORMAT JSONEachRow", StandardCharsets.UTF_8));
        if (!settings.password().isEmpty()) {
          request.header("X-ClickHouse-Key", settings.password());
        }
        try {
          response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
          break;
        } catch (IOException e) {
          unreachable = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
        }
      }
      if (response == null) {
        throw new IllegalStateException("no ClickHouse answers at " + settings.url() + ": " + unreachable.getMessage(), unreachable);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        String message;
        try (reader) {
          message = firstLine(readAtMost(reader, 8192));
        } catch (IOException e) {
          message = "HTTP " + response.statusCode();
        }
        throw new IllegalStateException("ClickHouse refused the query: " + message);
      }
      return new RowStream(reader);
    }

    /** The next row, or null at the end. */
    JsonNode next() {
      try {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          if (!line.startsWith("{")) {
            throw new IllegalStateException("ClickHouse stopped the query part-way: " + line.strip());
          }
          return MAPPER.readTree(line);
        }
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException("reading ClickHouse's answer failed: " + e.getMessage(), e);
      }
    }

    /** True when the next row is already here (reading it will not wait for the network). */
    boolean ready() {
      try {
        return reader.ready();
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        // closing early drops the connection; nothing more to read
      }
    }

    private static String readAtMost(BufferedReader r, int chars) throws IOException {
      char[] buf = new char[chars];
      int n = 0;
      int got;
      while (n < chars && (got = r.read(buf, n, chars - n)) > 0) {
        n += got;
      }
      return new String(buf, 0, n);
    }

    private static String firstLine(String s) {
      String t = s.strip();
      int nl = t.indexOf('\n');
      return nl < 0 ? t : t.substring(0, nl);
    }
  }
}
