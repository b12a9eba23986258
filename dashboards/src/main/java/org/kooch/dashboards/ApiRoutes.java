package org.kooch.dashboards;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.dashboards.query.BadRequestException;
import org.kooch.dashboards.query.ChannelChanges;
import org.kooch.dashboards.query.ChannelPage;
import org.kooch.dashboards.query.DateRange;
import org.kooch.dashboards.query.Filters;
import org.kooch.dashboards.query.MigrationFlows;
import org.kooch.dashboards.query.NotFoundException;
import org.kooch.dashboards.query.PlatformSeries;
import org.kooch.schemas.PlatformRegistry;

/**
 * The JSON API under {@code /api}: the same views the pages draw, one query class each. Every
 * view takes {@code from}/{@code to} (YYYY-MM-DD, inclusive) and {@code platform} (repeatable or
 * comma-separated) from the query string.
 */
final class ApiRoutes {
  static final int DEFAULT_TOP = 10;

  private final PlatformRegistry registry;
  private final PlatformSeries platforms;
  private final MigrationFlows flows;
  private final ChannelChanges changes;
  private final ChannelPage channel;

  ApiRoutes(ClickHouseGateway clickhouse, PlatformRegistry registry) {
    this.registry = registry;
    this.platforms = new PlatformSeries(clickhouse, registry);
    this.flows = new MigrationFlows(clickhouse, registry);
    this.changes = new ChannelChanges(clickhouse);
    this.channel = new ChannelPage(clickhouse, registry);
  }

  void register(Javalin app) {
    app.get("/api/platforms", ctx -> ctx.json(platforms.query(filters(ctx))));
    app.get("/api/flows", ctx -> ctx.json(flows.query(filters(ctx))));
    app.get("/api/channels", ctx -> {
      Filters f = filters(ctx);
      int limit = limit(ctx);
      Map<String, Object> body = new LinkedHashMap<>();
      ChannelChanges.GainersAndLosers both = changes.gainersAndLosers(f, limit);
      body.put("gainers", both.gainers());
      body.put("losers", both.losers());
      ctx.json(body);
    });
    app.get("/api/channels/{platform}/{channel}",
        ctx -> ctx.json(channel.query(ctx.pathParam("platform"), ctx.pathParam("channel"), range(ctx))));
    app.get("/api/<rest>", ctx -> {
      throw new NotFoundException("no API endpoint " + ctx.path()
          + " (there are /api/platforms, /api/flows, /api/channels, /api/channels/PLATFORM/CHANNEL, /api/health)");
    });
  }

  private Filters filters(Context ctx) {
    return Filters.of(range(ctx), ctx.queryParams("platform"), registry);
  }

  private static DateRange range(Context ctx) {
    return DateRange.parse(ctx.queryParam("from"), ctx.queryParam("to"));
  }

  private static int limit(Context ctx) {
    String v = ctx.queryParam("limit");
    if (v == null || v.isBlank()) {
      return DEFAULT_TOP;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException("'limit' must be a whole number, got '" + v + "'");
    }
  }
}
