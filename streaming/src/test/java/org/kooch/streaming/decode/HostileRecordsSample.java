package org.kooch.streaming.decode;

import java.util.List;
import org.kooch.streaming.kafka.RawRecord;

/** A fixed, seeded sample of {@link HostileRecords} for tests outside this package. */
public final class HostileRecordsSample {
  private HostileRecordsSample() {}

  public static List<RawRecord> of(String channel, int n, long seed) {
    return HostileRecords.sample(channel, n, seed);
  }
}
