package org.kooch.ingest.collect;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * {@code --every 1h}: rounds started {@code every} apart (a round that overruns is followed at
 * once), until the {@link StopSignal} fires. Failures of a round are reported and the schedule goes
 * on: the next round retries the failed channels from their saved state.
 */
public final class ScheduledCollection {
  /** One round over the channels, e.g. a {@link CollectorRunner#runOnce} with its own producer. */
  @FunctionalInterface
  public interface Round {
    RoundSummary run(BooleanSupplier stop);
  }

  private final Round round;
  private final Duration every;
  private final PrintStream out;

  public ScheduledCollection(Round round, Duration every, PrintStream out) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("--every must be positive");
    }
    this.round = round;
    this.every = every;
    this.out = out;
  }

  /** Runs rounds until stopped; returns how many ran. */
  public int run(StopSignal stop) throws InterruptedException {
    int rounds = 0;
    while (!stop.isStopped()) {
      long start = System.nanoTime();
      String result;
      try {
        result = round.run(stop::isStopped).toString();
      } catch (RuntimeException e) {
        // E.g. Kafka unreachable for the whole round: report it and try again next round.
        result = "FAILED: " + e.getMessage();
      }
      rounds++;
      Duration left = every.minusNanos(System.nanoTime() - start);
      Instant next = Instant.now().plus(left.isNegative() ? Duration.ZERO : left);
      out.println("round " + rounds + ": " + result + (stop.isStopped() ? "" : "; next round at " + next));
      if (stop.await(left)) {
        break;
      }
    }
    return rounds;
  }
}
