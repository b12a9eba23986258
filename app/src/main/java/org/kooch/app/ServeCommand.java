package org.kooch.app;

import java.util.concurrent.Callable;
import org.kooch.dashboards.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch serve}: the web dashboard over ClickHouse. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web dashboard and its JSON API.")
final class ServeCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;

  @Override
  public Integer call() throws Exception {
    Shutdown shutdown = new Shutdown();
    DashboardServer server = shutdown.register(new DashboardServer(connection.clickHouseReadOnly()));
    int p = server.start(host, port);
    System.out.println("dashboard at http://" + ("127.0.0.1".equals(host) ? "localhost" : host) + ":" + p + "/ (Ctrl-C stops)");
    shutdown.await(0);
    return 0;
  }
}
