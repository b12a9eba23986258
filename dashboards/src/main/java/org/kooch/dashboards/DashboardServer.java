package org.kooch.dashboards;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.kooch.clickhouse.ClickHouseException;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.schemas.PlatformRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: pages under {@code /} (charts drawn in the browser with ECharts from the jar)
 * and their data as JSON under {@code /api}. It reads ClickHouse as a read-only user.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  private final ClickHouseGateway clickhouse;
  private final Javalin app;

  public DashboardServer(ClickHouseSettings readOnly) {
    this.clickhouse = new ClickHouseGateway(readOnly);
    PlatformSeries platforms = new PlatformSeries(clickhouse, PlatformRegistry.defaults());
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.staticFiles.add("/web", Location.CLASSPATH);
              cfg.staticFiles.enableWebjars();
            });
    app.get("/api/health", ctx -> ctx.json(Map.of("clickhouse", clickhouse.ping() ? "up" : "down")));
    app.get(
        "/api/platforms",
        ctx -> ctx.json(PlatformSeries.asJson(platforms.query(range(ctx), platformsParam(ctx)))));
    app.exception(BadRequestException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
    app.exception(
        ClickHouseException.class,
        (e, ctx) -> {
          LOG.warn("ClickHouse query failed: {}", e.getMessage());
          ctx.status(503).json(Map.of("error", "ClickHouse is not answering: " + e.getMessage()));
        });
  }

  /** Starts listening on {@code host:port} (port 0: any free port) and returns the port. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  private static DateRange range(Context ctx) {
    return DateRange.parse(ctx.queryParam("from"), ctx.queryParam("to"));
  }

  private static Set<String> platformsParam(Context ctx) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : ctx.queryParams("platform")) {
      Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  @Override
  public void close() {
    app.stop();
    clickhouse.close();
  }
}
