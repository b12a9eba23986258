package org.kooch.dashboards;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * Against DNS rebinding, for a dashboard on a loopback address: a page from another site whose
 * name has been pointed at 127.0.0.1 reaches the dashboard with its own name in the {@code Host}
 * header. Only {@code localhost}, {@code 127.0.0.1} and {@code [::1]}, with the port the request
 * came in on (or none when that port is 80), are answered; anything else gets 403.
 */
final class HostCheck {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  private HostCheck() {}

  static void require(Context ctx) {
    if (!allowed(ctx.header("Host"), ctx.req().getLocalPort())) {
      throw new RefusedException();
    }
  }

  /** True when {@code host} (a Host header) names this machine's loopback interface on {@code port}. */
  static boolean allowed(String host, int port) {
    if (host == null) {
      return false;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    int end = h.startsWith("[") ? h.indexOf(']') + 1 : h.indexOf(':') < 0 ? h.length() : h.indexOf(':');
    if (end <= 0) {
      return false;
    }
    String name = h.substring(0, end);
    String rest = h.substring(end);
    if (!LOOPBACK_NAMES.contains(name)) {
      return false;
    }
    if (rest.isEmpty()) {
      return port == 80;
    }
    return rest.equals(":" + port);
  }

  /** The Host header does not name the loopback interface: 403. */
  static final class RefusedException extends RuntimeException {
    RefusedException() {
      super("this dashboard answers only to localhost, 127.0.0.1 and [::1] (it listens on a loopback address)");
    }
  }
}
