package org.kooch.dashboards;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.kooch.clickhouse.ClickHouseException;
import org.kooch.queries.BadRequestException;
import org.kooch.queries.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed request answers: JSON {@code {"error": "..."}}. Mistakes in the request (400, 404)
 * say what was wrong; refusals (401, 403) say what is needed. Failures on the server side (500,
 * 503, 504) say only what happened in general words and give an error id: the detail (ClickHouse's
 * message, which names its URL, user and tables) goes to the server log under that id, never into
 * the response.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
  private static final Pattern CREDENTIALS = Pattern.compile("(?i)(//)[^/@\\s]*@|(password=)[^&\\s]*");

  private ApiErrors() {}

  static void register(Javalin app) {
    app.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    app.exception(AccessToken.MissingException.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer");
      error(ctx, 401, e.getMessage());
    });
    app.exception(HostCheck.RefusedException.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
    app.exception(ServerBusyException.class, (e, ctx) -> {
      ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
      error(ctx, 503, e.getMessage());
    });
    app.exception(DeadlineExceededException.class, (e, ctx) -> error(ctx, 504, e.getMessage()));
    app.exception(ClickHouseException.class, (e, ctx) -> {
      if (ClickHouseCodes.of(e) == ClickHouseCodes.TIMEOUT_EXCEEDED) {
        serverError(ctx, 504, "the data took longer to read than ClickHouse allows this account", e);
      } else if (e.isRetryable()) {
        serverError(ctx, 503, "the database is not answering; try again in a minute", e);
      } else {
        serverError(ctx, 500, "the database could not answer this request", e);
      }
    });
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> serverError(ctx, 500, "the dashboard failed to answer this request", e));
  }

  /** {@code message} with any user:password@ in a URL and password=... parameters blanked out. */
  static String withoutCredentials(String message) {
    return message == null ? "" : CREDENTIALS.matcher(message).replaceAll("$1$2****");
  }

  private static void error(Context ctx, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    ctx.status(status).json(body);
  }

  private static void serverError(Context ctx, int status, String message, Exception e) {
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String detail = withoutCredentials(e.getMessage());
    if (e instanceof ClickHouseException) {
      LOG.warn("error {}: {} {} answered {}: {}", id, ctx.method(), ctx.path(), status, detail);
    } else {
      LOG.error("error {}: {} {} answered {}: {}", id, ctx.method(), ctx.path(), status, detail, e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message + " (error " + id + "; the server log has the details)");
    body.put("errorId", id);
    ctx.status(status).json(body);
  }
}
