package org.kooch.clickhouse;

import java.io.Serializable;
import java.net.URI;

/**
 * Where ClickHouse is and who we are there. The password comes from the environment or a config
 * file and is never printed: {@link #toString()} masks it.
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
    URI u = URI.create(url);
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
      throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, got '" + url + "'");
    }
    Sql.identifier(database);
    if (password == null) {
      password = "";
    }
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
