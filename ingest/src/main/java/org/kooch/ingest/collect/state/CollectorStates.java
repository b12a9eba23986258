package org.kooch.ingest.collect.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.kooch.ingest.kafka.CollectorStateTopic;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;

/**
 * Where a collector stopped, per channel, kept in Kafka ({@link CollectorStateTopic}) and written in
 * the same transaction as the channel's records. A collector killed after Kafka acknowledged its
 * records but before it committed them leaves both uncommitted: the next run publishes the posts
 * again, and consumers (reading committed records only) see them once. Killed after the commit, the
 * next run finds the new state in Kafka even though the readable copy in the state directory was
 * never written. So no post is lost and none is published twice, whatever the moment of the crash.
 * Without transactions, one of the two writes (records, state) always comes first, and a crash
 * between them either loses posts or publishes them twice.
 */
public final class CollectorStates {
  /** How long to wait for another collector's open transaction on the state topic to end. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private final StateStore files;
  private final String collectorId;
  private final Map<String, ChannelState> committed = new HashMap<>();

  private CollectorStates(StateStore files, String collectorId) {
    this.files = files;
    this.collectorId = collectorId;
  }

  /** The transactional id for this collector's publisher: one collector, one id, across restarts. */
  public static String transactionalId(StateStore files) {
    return "kooch-collector." + files.collectorId();
  }

  /**
   * Reads the collector's committed state. Open {@code publisher} (transactional, with {@link
   * #transactionalId}) first: it aborts what a killed predecessor left open, which would otherwise
   * hold back the read until the transaction timed out.
   */
  public static CollectorStates read(KafkaSettings kafka, StateStore files, RecordPublisher publisher) {
    Objects.requireNonNull(publisher, "open the transactional publisher before reading the state");
    CollectorStates states = new CollectorStates(files, files.collectorId());
    String prefix = states.collectorId + "/";
    for (Map.Entry<String, byte[]> e : CollectorStateTopic.read(kafka, prefix, READ_TIMEOUT).entrySet()) {
      String channel = e.getKey().substring(prefix.length());
      try {
        states.committed.put(channel, ChannelStateJson.decode(new String(e.getValue(), StandardCharsets.UTF_8)));
      } catch (IOException bad) {
        throw new IllegalStateException(
            "collector state of " + e.getKey() + " in " + CollectorStateTopic.TOPIC + " is unreadable (" + bad.getMessage() + ")", bad);
      }
    }
    return states;
  }

  /** The channel's state: Kafka's, else the file's (a state directory kept by a Kooch without the state topic), else empty. */
  public ChannelState load(String channel) {
    ChannelState s = committed.get(channel);
    return s != null ? s : files.load(channel);
  }

  /** Sends the channel's next state in {@code publisher}'s open transaction. */
  public void publish(RecordPublisher publisher, String channel, ChannelState state) {
    publisher.publishCollectorState(collectorId + "/" + channel, ChannelStateJson.encode(channel, state).getBytes(StandardCharsets.UTF_8));
  }

  /** After the commit: remembers the state and writes its readable copy. */
  public void committed(String channel, ChannelState state) {
    committed.put(channel, state);
    files.save(channel, state);
  }
}
