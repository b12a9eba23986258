package org.kooch.app;

import java.time.Duration;
import java.time.Instant;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.simulate.Simulation;
import org.kooch.ingest.simulate.TimedRecord;

/** Replays a simulation into Kafka in arrival order, at {@code daysPerSecond} (0: as fast as possible). */
final class SimulationPublisher {
  private SimulationPublisher() {}

  static long publish(Simulation sim, RecordPublisher publisher, double daysPerSecond) throws InterruptedException {
    if (sim.records().isEmpty()) {
      return 0;
    }
    Instant first = sim.records().get(0).arrival();
    long startNanos = System.nanoTime();
    long n = 0;
    for (TimedRecord r : sim.records()) {
      if (daysPerSecond > 0) {
        double simDays = Duration.between(first, r.arrival()).toMillis() / 86_400_000.0;
        long dueNanos = startNanos + (long) (simDays / daysPerSecond * 1e9);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
          publisher.flush();
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      publisher.publish(r.record());
      n++;
    }
    publisher.flush();
    return n;
  }
}
