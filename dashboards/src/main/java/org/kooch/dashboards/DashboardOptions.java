package org.kooch.dashboards;

import java.time.Duration;

/**
 * How the dashboard guards itself and ClickHouse.
 *
 * @param maxQueries ClickHouse queries run at once (1 to {@value #MAX_QUERIES_LIMIT}, the ClickHouse
 *     client's connection pool); past it a query waits up to {@code permitWait} for one to finish,
 *     then its request gets 503 with Retry-After
 * @param permitWait how long a query may wait for a permit
 * @param requestTimeout how long a data request may take; past it the answer is 504 and its
 *     queries are cancelled in ClickHouse
 * @param accessToken the token every request must carry, or null for none (allowed only on a
 *     loopback address)
 */
public record DashboardOptions(int maxQueries, Duration permitWait, Duration requestTimeout, AccessToken accessToken) {
  public static final int DEFAULT_MAX_QUERIES = 4;
  public static final int MAX_QUERIES_LIMIT = 10;
  public static final Duration DEFAULT_PERMIT_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  public DashboardOptions {
    if (maxQueries < 1 || maxQueries > MAX_QUERIES_LIMIT) {
      throw new IllegalArgumentException(
          "the dashboard's ClickHouse queries at a time must be between 1 and " + MAX_QUERIES_LIMIT + ", got " + maxQueries);
    }
    if (permitWait.isNegative()) {
      throw new IllegalArgumentException("the wait for a query permit cannot be negative");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
    }
  }

  public static DashboardOptions defaults() {
    return new DashboardOptions(DEFAULT_MAX_QUERIES, DEFAULT_PERMIT_WAIT, DEFAULT_REQUEST_TIMEOUT, null);
  }

  public DashboardOptions withMaxQueries(int n) {
    return new DashboardOptions(n, permitWait, requestTimeout, accessToken);
  }

  public DashboardOptions withPermitWait(Duration d) {
    return new DashboardOptions(maxQueries, d, requestTimeout, accessToken);
  }

  public DashboardOptions withRequestTimeout(Duration d) {
    return new DashboardOptions(maxQueries, permitWait, d, accessToken);
  }

  public DashboardOptions withAccessToken(AccessToken token) {
    return new DashboardOptions(maxQueries, permitWait, requestTimeout, token);
  }
}
