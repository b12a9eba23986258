package org.kooch.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.kooch.app.alerts.AlertDispatcher;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.dashboards.DashboardServer;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kooch demo}: the whole pipeline in one process on embedded defaults. The 2018 scenario is
 * replayed into Kafka, the Flink job lands it in ClickHouse, the dashboard shows it as it arrives.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything on embedded defaults: Kafka broker, local ClickHouse (started if needed), Flink MiniCluster,",
      "the April 2018 scenario replayed live, and the dashboard at http://localhost:8080. Ctrl-C stops it all."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin AlertOptions alerts;

  @Option(names = "--port", defaultValue = "8080", description = "Dashboard port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--scenario", defaultValue = Scenario.IRAN_2018, description = "Scenario file or built-in name (default ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--speed", defaultValue = "2", description = "Simulated days per second (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--stop-after", converter = DurationConverter.class,
      description = "Stop by itself after this long (e.g. 90s), for scripted runs; default: run until Ctrl-C.")
  Duration stopAfter;

  private volatile Shutdown shutdown;

  /** Stops a running demo as Ctrl-C would (for tests and embedding). */
  void stop() {
    Shutdown s = shutdown;
    if (s != null) {
      s.closeAll();
    }
  }

  @Override
  public Integer call() throws Exception {
    ClickHouseSettings clickhouse = connection.clickHouse();
    LocalClickHouse.ensureReady(clickhouse, true);
    shutdown = new Shutdown();
    try {
      KafkaHandle kafka = shutdown.register(KafkaHandle.open(connection));
      StreamExecutionEnvironment env =
          JobRunner.environment(kafka.settings(), clickhouse, false, 2, Duration.ofSeconds(5), connection.stateDir(), null);
      // The demo replays 2018: its moves are old by the wall clock, and every one is news here.
      AlertDispatcher dispatcher = alerts.dispatcher(clickhouse, Duration.ofDays(100 * 365));
      shutdown.register(JobRunner.startStreaming(env));
      if (dispatcher != null) {
        shutdown.register(dispatcher.start());
      }
      DashboardServer dashboard = shutdown.register(new DashboardServer(connection.clickHouseReadOnly()));
      int p = dashboard.start("127.0.0.1", port);
      System.out.println("Kooch demo: dashboard at http://localhost:" + p + "/  (Ctrl-C stops everything)");

      Scenario s = Scenario.load(scenario);
      Simulation sim = ScenarioSimulator.run(s);
      System.out.println("replaying '" + s.name() + "' (" + s.start() + " to " + s.end() + ") at " + speed + " days/s ...");
      try (RecordPublisher publisher = new RecordPublisher(kafka.settings())) {
        long n = SimulationPublisher.publish(sim, publisher, speed);
        System.out.println(n + " records published; the dashboard keeps serving (Ctrl-C stops)");
      }
      shutdown.await(stopAfter == null ? 0 : stopAfter.toMillis());
      return 0;
    } finally {
      shutdown.closeAll();
    }
  }
}
