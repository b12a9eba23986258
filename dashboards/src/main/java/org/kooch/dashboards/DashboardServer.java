package org.kooch.dashboards;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import org.kooch.clickhouse.ClickHouseException;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.dashboards.query.BadRequestException;
import org.kooch.dashboards.query.NotFoundException;
import org.kooch.schemas.PlatformRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: pages under {@code /} (charts drawn in the browser with ECharts from the jar)
 * and their data as JSON under {@code /api} ({@link ApiRoutes}). It reads ClickHouse as a
 * read-only user. Bad input is a 400 and an unknown channel a 404, each with a message that says
 * what was wrong; a ClickHouse that does not answer is a 503, a failed query a 500.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  private final ClickHouseGateway clickhouse;
  private final Javalin app;

  public DashboardServer(ClickHouseSettings readOnly) {
    this.clickhouse = new ClickHouseGateway(readOnly);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.staticFiles.add("/web", Location.CLASSPATH);
              cfg.staticFiles.enableWebjars();
            });
    app.get("/api/health", ctx -> ctx.json(Map.of("clickhouse", clickhouse.ping() ? "up" : "down")));
    new ApiRoutes(clickhouse, PlatformRegistry.defaults()).register(app);
    app.exception(BadRequestException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
    app.exception(NotFoundException.class, (e, ctx) -> ctx.status(404).json(Map.of("error", e.getMessage())));
    app.exception(
        ClickHouseException.class,
        (e, ctx) -> {
          LOG.warn("ClickHouse query failed: {}", e.getMessage());
          if (e.isRetryable()) {
            ctx.status(503).json(Map.of("error", "ClickHouse is not answering: " + e.getMessage()));
          } else {
            ctx.status(500).json(Map.of("error", e.getMessage()));
          }
        });
  }

  /** Starts listening on {@code host:port} (port 0: any free port) and returns the port. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    clickhouse.close();
  }
}
