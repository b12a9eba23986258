package org.kooch.ingest.collect;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.ingest.collect.state.ChannelState;
import org.kooch.ingest.collect.state.CollectorStates;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.Handles;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.RefusalKind;

/**
 * One round of a collector over its channels. Per channel: load its state, collect, then in one
 * Kafka transaction publish the records, the dead letters and the new state, and commit. A crash
 * or a failed send before the commit leaves none of them visible, and the next run collects the
 * same posts again; after the commit, the next run resumes from the new state. Either way each post
 * reaches read_committed consumers once ({@link CollectorStates}). A failing channel is reported
 * and the round goes on with the next one; a publisher that can no longer write (fenced by a newer
 * collector with the same id) ends the round.
 */
public final class CollectorRunner {
  private final Collector collector;
  private final CollectorStates states;
  private final RecordPublisher publisher;
  private final PrintStream out;
  private final Clock clock;
  /** Writes a refused record's dead letter as its JSON Lines form, fit to fix and import. */
  private final JsonLinesCodec codec = new JsonLinesCodec();

  /** @param publisher {@linkplain RecordPublisher#transactional transactional}, opened before {@code states} was read */
  public CollectorRunner(Collector collector, CollectorStates states, RecordPublisher publisher, PrintStream out, Clock clock) {
    this.collector = collector;
    this.states = states;
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
        ChannelHarvest harvest = collector.collect(channel, states.load(channel));
        ChannelState next = harvest.next().withLastSuccessAt(clock.instant());
        int refused = publishAtomically(channel, label, harvest, next);
        KillPoint.AFTER_COMMIT.reached();
        states.committed(channel, next);
        summary.succeeded(harvest.records().size() - refused, harvest.deadRecords().size() + refused);
        out.println(label + ": " + describe(harvest));
      } catch (PublisherUnusableException e) {
        throw e.fatal;
      } catch (RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        summary.failed(raw, reason);
        out.println(label + ": FAILED: " + reason);
      }
    }
    return summary;
  }

  /** Publishes the channel's records, dead letters and next state in one transaction; returns how many records were refused. */
  private int publishAtomically(String channel, String label, ChannelHarvest harvest, ChannelState next) {
    publisher.beginTransaction();
    try {
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
      states.publish(publisher, channel, next);
      // Not needed for the commit, which flushes too; it makes the kill point exact: Kafka has
      // acknowledged every record and the state, and none of them is committed yet.
      publisher.flush();
      KillPoint.AFTER_FLUSH.reached();
      publisher.commitTransaction();
      return refused;
    } catch (RuntimeException e) {
      try {
        publisher.abortTransaction();
      } catch (RuntimeException fatal) {
        fatal.addSuppressed(e);
        throw new PublisherUnusableException(fatal);
      }
      throw e;
    }
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

  /** The transaction could not even be aborted: the publisher is done for (fenced, closed). */
  private static final class PublisherUnusableException extends RuntimeException {
    private final RuntimeException fatal;

    PublisherUnusableException(RuntimeException fatal) {
      super(fatal);
      this.fatal = fatal;
    }
  }
}
