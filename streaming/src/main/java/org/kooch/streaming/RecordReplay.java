package org.kooch.streaming;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.schemas.RecordKeys;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.kafka.RawRecord;

/**
 * Runs the whole job, bounded, over records held in memory instead of Kafka, into a ClickHouse
 * database: how the accuracy bench and the tests that share a landed scenario put a simulation's
 * records through the real operators without a broker. The records are encoded as they would be
 * on their topics, in list order, on one partition. Dead letters are not kept: the input is
 * generated, and the bench scores what lands.
 */
public final class RecordReplay {
  private RecordReplay() {}

  /** Lands {@code records} in {@code clickhouse} (its tables must exist) and returns when the job has finished. */
  public static void run(String name, List<? extends SpecificRecord> records, ClickHouseSettings clickhouse, int parallelism)
      throws Exception {
    List<RawRecord> raw = new ArrayList<>(records.size());
    long offset = 0;
    for (SpecificRecord r : records) {
      RecordType type = RecordType.of(r);
      raw.add(new RawRecord(type.topic(), 0, offset++, RecordKeys.keyBytes(r), type.encode(r)));
    }
    JobSettings settings = JobSettings.defaults("unused:9092", clickhouse, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
    new KoochJob(null, new DiscardingSink<>(), settings).build(env.fromData(raw).name("replay").uid("replay"));
    env.execute(name);
  }
}
