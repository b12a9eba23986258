package org.kooch.ingest.simulate;

import java.util.List;

/** A simulation's output: the records in arrival order, and the truth behind them. */
public record Simulation(List<TimedRecord> records, Truth truth) {}
