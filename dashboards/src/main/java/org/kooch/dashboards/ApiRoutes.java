package org.kooch.dashboards;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kooch.queries.Alerts;
import org.kooch.queries.Attention;
import org.kooch.queries.BadRequestException;
import org.kooch.queries.ChannelChanges;
import org.kooch.queries.ChannelPage;
import org.kooch.queries.DateRange;
import org.kooch.queries.Filters;
import org.kooch.queries.MigrationFlows;
import org.kooch.queries.NotFoundException;
import org.kooch.queries.PlatformSeries;
import org.kooch.schemas.PlatformRegistry;

/**
 * The JSON API under {@code /api}: the same views the pages draw, one query class each. Every
 * view takes {@code from}/{@code to} (YYYY-MM-DD, inclusive) and {@code platform} (repeatable or
 * comma-separated) from the query string. The request is read and checked here; the views run as
 * {@link DataRequests} (deadline, bounded queries).
 */
final class ApiRoutes {
  static final int DEFAULT_TOP = 10;

  private final DataRequests requests;
  private final PlatformRegistry registry;

  ApiRoutes(DataRequests requests, PlatformRegistry registry) {
    this.requests = requests;
    this.registry = registry;
  }

  void register(Javalin app) {
    app.get("/api/platforms", ctx -> {
      Filters f = filters(ctx);
      ctx.json(requests.run(reader -> new PlatformSeries(reader, registry).query(f)));
    });
    app.get("/api/flows", ctx -> {
      Filters f = filters(ctx);
      String foundBy = ctx.queryParam("found_by");
      String kind = foundBy == null || foundBy.isEmpty() ? null : MigrationFlows.requireFoundBy(foundBy);
      ctx.json(requests.run(reader -> new MigrationFlows(reader, registry).query(f, kind)));
    });
    app.get("/api/attention", ctx -> {
      Filters f = filters(ctx);
      ctx.json(requests.run(reader -> new Attention(reader, registry).query(f)));
    });
    app.get("/api/channels", ctx -> {
      Filters f = filters(ctx);
      int limit = limit(ctx);
      ChannelChanges.GainersAndLosers both = requests.run(reader -> new ChannelChanges(reader).gainersAndLosers(f, limit));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("gainers", both.gainers());
      body.put("losers", both.losers());
      ctx.json(body);
    });
    app.get("/api/channels/{platform}/{channel}", ctx -> {
      String platform = ctx.pathParam("platform");
      String channel = ctx.pathParam("channel");
      DateRange range = range(ctx);
      ctx.json(requests.run(reader -> new ChannelPage(reader, registry).query(platform, channel, range)));
    });
    app.get("/api/alerts", ctx -> {
      int limit = limit(ctx);
      ctx.json(Map.of("alerts", requests.run(reader -> new Alerts(reader).since(null, limit))));
    });
    app.get("/api/<rest>", ctx -> {
      throw new NotFoundException("no API endpoint " + ctx.path()
          + " (there are /api/platforms, /api/flows, /api/attention, /api/channels, /api/channels/PLATFORM/CHANNEL, /api/alerts, /api/health)");
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
