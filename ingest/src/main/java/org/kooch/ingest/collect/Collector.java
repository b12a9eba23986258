package org.kooch.ingest.collect;

import org.kooch.ingest.collect.state.ChannelState;

/**
 * One source of channel records (a web preview, an API). A collector reads one channel at a time
 * and returns what it found together with the state the next run resumes from; it publishes
 * nothing itself, so {@link CollectorRunner} can publish that state with the records, in one
 * Kafka transaction.
 */
public interface Collector {
  /** Name used in records' {@code source}, dead letters and the state directory, e.g. telegram-web. */
  String source();

  /**
   * Collects one channel.
   *
   * @param channel canonical handle (lower case, no @)
   * @param state what earlier runs already published for this channel
   * @throws CollectException when the channel cannot be collected; the message names the URL
   */
  ChannelHarvest collect(String channel, ChannelState state);
}
