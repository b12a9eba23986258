package org.kooch.ingest.collect;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.ingest.collect.state.ChannelState;

/**
 * What one collection of one channel produced: records to publish, input refused as bad data
 * (for the dead-letter topic), the state to save once Kafka has them, and notes for the operator
 * (a fallback taken, a gap left) that are not failures.
 */
public record ChannelHarvest(
    List<SpecificRecord> records, List<DeadRecord> deadRecords, ChannelState next, List<String> notes) {

  public ChannelHarvest {
    records = List.copyOf(records);
    deadRecords = List.copyOf(deadRecords);
    notes = List.copyOf(notes);
  }
}
