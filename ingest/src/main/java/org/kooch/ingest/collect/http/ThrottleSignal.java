package org.kooch.ingest.collect.http;

import java.time.Duration;
import java.util.Optional;

/**
 * An API's own way of saying "slow down" in an answer that is not a 429, e.g. TGStat's
 * {@code {"status":"error","error":"flood_control_10"}} with HTTP 200. The fetcher retries such
 * answers like a 429 with that Retry-After.
 */
@FunctionalInterface
public interface ThrottleSignal {
  ThrottleSignal NONE = response -> Optional.empty();

  Optional<Duration> retryAfter(FetchResponse response);
}
