package org.kooch.ingest.collect;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.kooch.schemas.RecordContract;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.collect.http.FetchPolicy;
import org.kooch.ingest.collect.state.CollectorStates;
import org.kooch.ingest.collect.state.StateStore;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;

/**
 * Runs a collector the way {@code kooch collect} does (runner, state store, real publisher to the
 * shared embedded broker) and keeps what it printed.
 */
public final class CollectorHarness {
  /** No pause between requests and short retries: the tests' server answers at once. */
  public static final FetchPolicy QUICK =
      FetchPolicy.polite().withRequestInterval(Duration.ZERO).withRetries(3, Duration.ofMillis(50)).withTimeout(Duration.ofSeconds(10));

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Path stateDir;

  public CollectorHarness(Path stateDir) {
    this.stateDir = stateDir;
  }

  public static KafkaSettings kafka() {
    KafkaSettings k = TestKafka.shared();
    TopicAdmin.ensureTopics(k);
    return k;
  }

  /** A clock stopped at {@code at}: records of one run carry that time, which tests filter on. */
  public static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  public RoundSummary runOnce(Collector collector, Clock clock, String... channels) {
    try (RecordPublisher publisher = publisher(collector, clock)) {
      return runner(collector, publisher, clock).runOnce(List.of(channels), () -> false);
    }
  }

  /** The collector's transactional publisher, as {@code kooch collect} opens it. */
  public RecordPublisher publisher(Collector collector, Clock clock) {
    return RecordPublisher.transactional(kafka(), CollectorStates.transactionalId(state(collector.source())), new RecordContract(clock));
  }

  /** A runner with the collector's state as read now from Kafka; open {@code publisher} first. */
  public CollectorRunner runner(Collector collector, RecordPublisher publisher, Clock clock) {
    CollectorStates states = CollectorStates.read(kafka(), state(collector.source()), publisher);
    return new CollectorRunner(collector, states, publisher, new PrintStream(printed, true, StandardCharsets.UTF_8), clock);
  }

  public StateStore state(String source) {
    return new StateStore(stateDir, source);
  }

  public String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  public PrintStream out() {
    return new PrintStream(printed, true, StandardCharsets.UTF_8);
  }
}
