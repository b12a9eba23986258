package org.kooch.clickhouse;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts ClickHouse failures into retryable (server down, overloaded, timeouts: try again later,
 * nothing is lost) and data errors (the request itself is wrong: retrying cannot help, fail loudly).
 */
public final class ClickHouseErrors {
  private static final Pattern CODE = Pattern.compile("Code: (\\d+)");
  /** Server error codes that mean "try again": timeouts, memory, too many parts/queries, network, readonly replica, keeper. */
  private static final Set<Integer> RETRYABLE_CODES =
      Set.of(3, 159, 202, 209, 210, 241, 242, 252, 285, 319, 425, 999);
  /** Server error codes that mean "this node cannot serve it now, another may": network, readonly replica, keeper. */
  private static final Set<Integer> NODE_CODES = Set.of(210, 242, 999);

  private ClickHouseErrors() {}

  public static boolean isRetryable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectionInitiationException || c instanceof DataTransferException || c instanceof IOException) {
        return true;
      }
      if (c instanceof ServerException s) {
        int code = serverCode(s);
        return RETRYABLE_CODES.contains(code) || s.getTransportProtocolCode() == 503;
      }
    }
    return false;
  }

  /**
   * True when the node itself failed the request (not reachable, connection lost, its replica has
   * no ZooKeeper session), so another node of a cluster may serve it; false for errors of the
   * request, and for query timeouts and overload, which another node would repeat.
   */
  public static boolean isNodeFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ServerException s) {
        return NODE_CODES.contains(serverCode(s)) || s.getTransportProtocolCode() == 503;
      }
      if (c instanceof java.net.SocketTimeoutException) {
        return false; // the node answers slowly: another would run the same request as slowly
      }
      if (c instanceof ConnectionInitiationException || c instanceof DataTransferException || c instanceof IOException) {
        return true; // refused, reset, closed mid-answer, connect timed out
      }
    }
    return false;
  }

  /** The server's error code. 18.16 sends no code header, so it is read from the message. */
  public static int serverCode(ServerException e) {
    if (e.getCode() != 0) {
      return e.getCode();
    }
    Matcher m = CODE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
