package org.kooch.dashboards;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.schemas.PlatformRegistry;

/**
 * The web dashboard: pages under {@code /} (charts drawn in the browser with ECharts from the jar)
 * and their data as JSON under {@code /api} ({@link ApiRoutes}). It reads ClickHouse as a
 * read-only user, and checks that the account cannot write before it starts
 * ({@link ReadOnlyAccount}).
 *
 * <p>Guards, in the order a request meets them: security headers on every response
 * ({@link SecurityHeaders}); on a loopback address, the Host header must name it
 * ({@link HostCheck}); with an access token (required on any other address), the request must
 * carry it ({@link AccessToken}). Data requests run under a deadline and a bound on concurrent
 * ClickHouse queries ({@link DataRequests}); {@code /api/health} needs neither
 * ({@link HealthProbe}). Failures answer JSON without server internals ({@link ApiErrors}).
 */
public final class DashboardServer implements AutoCloseable {
  private final ClickHouseGateway clickhouse;
  private final ClickHouseGateway control;
  private final DashboardOptions options;
  private final DataRequests requests;
  private final HealthProbe health;
  private final Javalin app;
  private volatile boolean loopback = true;

  public DashboardServer(ClickHouseSettings readOnly) {
    this(readOnly, DashboardOptions.defaults());
  }

  public DashboardServer(ClickHouseSettings readOnly, DashboardOptions options) {
    this.options = options;
    this.clickhouse = new ClickHouseGateway(readOnly);
    this.control = new ClickHouseGateway(readOnly);
    this.requests = new DataRequests(clickhouse, control, options);
    this.health = new HealthProbe(control);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.staticFiles.add("/web", Location.CLASSPATH);
              cfg.staticFiles.enableWebjars();
            });
    app.before(SecurityHeaders::add);
    app.before(ctx -> {
      if (loopback) {
        HostCheck.require(ctx);
      }
    });
    if (options.accessToken() != null) {
      app.before(options.accessToken()::require);
    }
    app.get("/api/health", ctx -> ctx.json(Map.of("clickhouse", health.clickhouse())));
    new ApiRoutes(requests, PlatformRegistry.defaults()).register(app);
    ApiErrors.register(app);
  }

  /**
   * Checks the account is read-only, then listens on {@code host:port} (port 0: any free port) and
   * returns the port. An address other than loopback needs an access token.
   */
  public int start(String host, int port) {
    boolean onLoopback = isLoopback(host);
    if (!onLoopback && options.accessToken() == null) {
      throw new IllegalStateException("the dashboard listens on " + host + ", which other machines can reach:"
          + " it needs an access token there");
    }
    ReadOnlyAccount.verify(clickhouse);
    loopback = onLoopback;
    app.start(host, port);
    return app.port();
  }

  /** True when {@code host} is (or resolves to) a loopback address: 127.0.0.1, ::1, localhost. */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the address to listen on: '" + host + "'");
    }
  }

  /** The data requests' query permits (for tests that saturate them). */
  QueryPermits permits() {
    return requests.permits();
  }

  /** Runs {@code work} as a data request does (for tests that need a slow one). */
  <T> T runAsDataRequest(java.util.function.Function<org.kooch.queries.Reader, T> work) {
    return requests.run(work);
  }

  @Override
  public void close() {
    app.stop();
    requests.close();
    health.close();
    clickhouse.close();
    control.close();
  }
}
