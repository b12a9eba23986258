package org.kooch.clickhouse;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where ClickHouse is and who we are there. The password comes from the environment or a config
 * file and is never printed: {@link #toString()} masks it.
 *
 * <p>{@code url} is one server's URL or, for a cluster, a comma-separated list of its nodes' URLs:
 * {@link ClickHouseGateway} talks to one and moves to the next when that one cannot be reached.
 */
public record ClickHouseSettings(String url, String user, String password, String database)
    implements Serializable {

  /** The project-local server that {@code bin/kooch-clickhouse start} runs. */
  public static final String LOCAL_URL = "http://127.0.0.1:18123";
  /** The database Kooch's tables live in unless told otherwise. */
  public static final String DATABASE = "kooch";
  /** The account that writes: the job, the migrator, the importers' checks. */
  public static final String WRITER = "default";
  /** The account every reader uses: the dashboard, the query commands, the reports (bin/kooch-clickhouse creates it). */
  public static final String READER = "kooch_readonly";

  public ClickHouseSettings {
    urls(url);
    Sql.identifier(database);
    if (password == null) {
      password = "";
    }
  }

  /** The nodes' URLs, in the order given: one for a single server. */
  public List<String> urls() {
    return urls(url);
  }

  private static List<String> urls(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, got '" + url + "'");
    }
    List<String> out = new ArrayList<>();
    for (String part : url.split(",", -1)) {
      String one = part.strip();
      URI u;
      try {
        u = URI.create(one);
      } catch (IllegalArgumentException e) {
        u = null;
      }
      if (u == null || u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port (comma-separated for several nodes), got '" + one + "'");
      }
      out.add(one);
    }
    return List.copyOf(out);
  }

  public ClickHouseSettings withDatabase(String db) {
    return new ClickHouseSettings(url, user, password, db);
  }

  public ClickHouseSettings withUser(String newUser, String newPassword) {
    return new ClickHouseSettings(url, newUser, newPassword, database);
  }

  @Override
  public String toString() {
    return "ClickHouse " + url + " database=" + database + " user=" + user + (password.isEmpty() ? "" : " password=****");
  }
}
