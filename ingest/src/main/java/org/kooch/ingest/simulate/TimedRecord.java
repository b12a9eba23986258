package org.kooch.ingest.simulate;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** A simulated record and when it reaches Kooch (later than its event time when delivered late). */
public record TimedRecord(Instant arrival, SpecificRecord record) {}
