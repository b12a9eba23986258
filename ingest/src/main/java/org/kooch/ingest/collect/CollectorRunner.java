package org.kooch.ingest.collect;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.ingest.collect.state.StateStore;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.Handles;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.RefusalKind;

/**
 * One round of a collector over its channels. Per channel: load state, collect, publish the
 * records and dead letters, flush, and only then save the new state, so a crash or a failed send
 * means the next run collects the same posts again instead of skipping them. A failing channel is
 * reported and the round goes on with the next one.
 */
public final class CollectorRunner {
  private final Collector collector;
  private final StateStore store;
  private final RecordPublisher publisher;
  private final PrintStream out;
  private final Clock clock;
  /** Writes a refused record's dead letter as its JSON Lines form, fit to fix and import. */
  private final JsonLinesCodec codec = new JsonLinesCodec();

  public CollectorRunner(Collector collector, StateStore store, RecordPublisher publisher, PrintStream out, Clock clock) {
    this.collector = collector;
    this.store = store;
    this.publisher = publisher;
    this.out = out;
    this.clock = clock;
  }

  /** Collects every channel once, stopping early (between channels) when {@code stop} says so. */
  public RoundSummary runOnce(List<String> channels, BooleanSupplier stop) {
    RoundSummary summary = new RoundSummary();
    for (String raw : channels) {
      if (stop.getAsBoolean()) {
        break;
      }
      String label = collector.source() + " @" + raw;
      try {
        String channel = Handles.canonical(raw);
        label = collector.source() + " @" + channel;
        ChannelState state = store.load(channel);
        ChannelHarvest harvest = collector.collect(channel, state);
        int refused = 0;
        for (SpecificRecord r : harvest.records()) {
          try {
            publisher.publish(r);
          } catch (InvalidRecordException e) {
            // What a page or an API answered may break the contract (a date in 1970, a count
            // of -1): that record is refused, the channel's others go on.
            publisher.deadLetter(e, collector.source(), label, codec.encode(r).getBytes(StandardCharsets.UTF_8));
            refused++;
          }
        }
        for (DeadRecord d : harvest.deadRecords()) {
          publisher.deadLetter(RefusalKind.MALFORMED, collector.source(), d.location(), d.reason(), d.raw());
        }
        publisher.flush();
        store.save(channel, harvest.next().withLastSuccessAt(clock.instant()));
        summary.succeeded(harvest.records().size() - refused, harvest.deadRecords().size() + refused);
        out.println(label + ": " + describe(harvest));
      } catch (RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        summary.failed(raw, reason);
        out.println(label + ": FAILED: " + reason);
      }
    }
    return summary;
  }

  private static String describe(ChannelHarvest h) {
    long posts = count(h, RecordType.POST);
    long counts = count(h, RecordType.SUBSCRIBERS);
    long profiles = count(h, RecordType.PROFILE);
    StringBuilder s = new StringBuilder();
    s.append(posts).append(posts == 1 ? " new post" : " new posts");
    s.append(", ").append(counts).append(counts == 1 ? " subscriber count" : " subscriber counts");
    if (profiles > 0) {
      s.append(", profile changed");
    }
    if (!h.deadRecords().isEmpty()) {
      s.append(", ").append(h.deadRecords().size()).append(" dead-lettered (").append(h.deadRecords().get(0).reason()).append(")");
    }
    for (String note : h.notes()) {
      s.append("; ").append(note);
    }
    return s.toString();
  }

  private static long count(ChannelHarvest h, RecordType type) {
    return h.records().stream().filter(r -> RecordType.of(r) == type).count();
  }
}
