package org.kooch.app;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.kooch.ingest.collect.Collector;
import org.kooch.ingest.collect.CollectorRunner;
import org.kooch.ingest.collect.RoundSummary;
import org.kooch.ingest.collect.ScheduledCollection;
import org.kooch.ingest.collect.StopSignal;
import org.kooch.ingest.collect.state.CollectorStates;
import org.kooch.ingest.collect.state.StateStore;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;

/**
 * What every {@code kooch collect <source>} does with its collector: Kafka, state in Kafka's
 * collector-state topic (a readable copy and the collector's id under {@code
 * <state-dir>/collectors/<source>/}), one round or rounds {@code --every} until Ctrl-C.
 */
final class CollectRun {
  private CollectRun() {}

  /** Exit code: 0, or 1 when a one-shot round had a failing channel. */
  static int run(ConnectionOptions connection, CollectOptions options, Collector collector) throws Exception {
    Shutdown shutdown = new Shutdown();
    StopSignal stop = new StopSignal();
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: let the channel in hand finish (published, flushed, state saved), then exit.
    shutdown.register(() -> {
      stop.stop();
      finished.await(30, TimeUnit.SECONDS);
    });
    try (KafkaHandle kafka = KafkaHandle.open(connection)) {
      StateStore state = new StateStore(connection.stateDir(), collector.source());
      ScheduledCollection.Round round = s -> round(kafka.settings(), collector, state, options, s);
      if (options.every == null) {
        RoundSummary summary = round.run(stop::isStopped);
        System.out.println(summary);
        return summary.anyFailed() ? 1 : 0;
      }
      System.out.println(collector.source() + ": " + options.channels.size() + " channels every " + options.every + " (Ctrl-C stops)");
      new ScheduledCollection(round, options.every, System.out).run(stop);
      return 0;
    } finally {
      finished.countDown();
      shutdown.closeAll();
    }
  }

  /**
   * A producer per round, so that a producer in trouble does not trouble the next hour; the state is
   * read after it opened (which aborts what a killed run left open).
   */
  private static RoundSummary round(
      KafkaSettings kafka, Collector collector, StateStore state, CollectOptions options, BooleanSupplier stop) {
    try (RecordPublisher publisher = RecordPublisher.transactional(kafka, CollectorStates.transactionalId(state))) {
      CollectorStates states = CollectorStates.read(kafka, state, publisher);
      return new CollectorRunner(collector, states, publisher, System.out, Clock.systemUTC()).runOnce(options.channels, stop);
    }
  }
}
