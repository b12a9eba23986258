package org.kooch.ingest.collect.state;

import java.time.Instant;

/**
 * Where a collector stopped for one channel, so the next run resumes there and publishes nothing
 * twice.
 *
 * @param highestPostId the newest post already published (null: none yet)
 * @param lastObservedAt the newest history point already published (TGStat's daily counts)
 * @param profileHash fingerprint of the last published profile, to publish it again only on change
 * @param lastSuccessAt when this channel was last collected successfully
 */
public record ChannelState(Long highestPostId, Instant lastObservedAt, String profileHash, Instant lastSuccessAt) {
  public static final ChannelState EMPTY = new ChannelState(null, null, null, null);

  public ChannelState withHighestPostId(Long id) {
    return new ChannelState(id, lastObservedAt, profileHash, lastSuccessAt);
  }

  public ChannelState withLastObservedAt(Instant at) {
    return new ChannelState(highestPostId, at, profileHash, lastSuccessAt);
  }

  public ChannelState withProfileHash(String hash) {
    return new ChannelState(highestPostId, lastObservedAt, hash, lastSuccessAt);
  }

  public ChannelState withLastSuccessAt(Instant at) {
    return new ChannelState(highestPostId, lastObservedAt, profileHash, at);
  }
}
