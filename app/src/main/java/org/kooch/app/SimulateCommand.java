package org.kooch.app;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.simulate.Scenario;
import org.kooch.ingest.simulate.ScenarioSimulator;
import org.kooch.ingest.simulate.Simulation;
import org.kooch.ingest.simulate.TimedRecord;
import org.kooch.schemas.JsonLinesCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kooch simulate}: a migration scenario with known truth, into Kafka or a JSON Lines file. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Simulate a migration scenario (default: April 2018 in Iran) and publish what collectors would see.")
final class SimulateCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = "--scenario", defaultValue = Scenario.IRAN_2018, description = "Scenario JSON file, or a built-in name (default ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--seed", description = "Override the scenario's random seed.")
  Long seed;

  @Option(names = "--truth-out", description = "Write the true flows and counts (flows.csv, channels.csv, platforms.csv) here.")
  Path truthOut;

  @Option(names = "--out", description = "Write the records to this JSON Lines file instead of Kafka.")
  Path out;

  @Option(names = "--speed", defaultValue = "0", description = "Simulated days per second when publishing (0: as fast as possible).")
  double speed;

  @Override
  public Integer call() throws Exception {
    Scenario s = Scenario.load(scenario);
    if (seed != null) {
      s = new Scenario(s.name(), s.start(), s.end(), seed, s.platforms(), s.owners(), s.moves(), s.bans(), s.noise());
    }
    Simulation sim = ScenarioSimulator.run(s);
    if (truthOut != null) {
      sim.truth().write(truthOut);
      System.out.println("truth written to " + truthOut);
    }
    if (out != null) {
      JsonLinesCodec codec = new JsonLinesCodec();
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (TimedRecord r : sim.records()) {
          w.write(codec.encode(r.record()));
          w.write('\n');
        }
      }
      System.out.println(sim.records().size() + " records of '" + s.name() + "' written to " + out);
      return 0;
    }
    try (KafkaHandle kafka = KafkaHandle.open(connection);
        RecordPublisher publisher = new RecordPublisher(kafka.settings())) {
      long n = SimulationPublisher.publish(sim, publisher, speed);
      System.out.println(n + " records of '" + s.name() + "' published to Kafka");
    }
    return 0;
  }
}
