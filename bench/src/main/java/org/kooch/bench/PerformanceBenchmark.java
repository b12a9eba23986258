package org.kooch.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kooch.app.BoundedRunProgress;
import org.kooch.app.FlinkEnvironments;
import org.kooch.app.JobRunner;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.importer.JsonLinesImporter;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordKeys;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.JobSettings;
import org.kooch.streaming.KafkaConnectors;
import org.kooch.streaming.KoochJob;
import org.kooch.streaming.clickhouse.RowBinaryBatch;
import org.kooch.streaming.landing.LandingStage;
import org.kooch.streaming.landing.RawTableRows;

/**
 * Throughput of each stage on one machine, in one run, on the same {@link BenchRecords}: Kafka's
 * own producer sending the records' Avro bytes (the reference), {@code kooch import} (JSON Lines
 * to Avro in Kafka), the Flink job (Kafka to ClickHouse, bounded, checkpoints on, MiniCluster,
 * job start included), the same job cut down to the raw tables (the floor under it: what reading,
 * decoding and writing cost without the analytics), and ClickHouse inserts of the posts alone. The broker is a fresh embedded
 * one in this JVM (so the peak RSS includes it).
 */
final class PerformanceBenchmark {
  /** One stage: records (or rows) and seconds. */
  record Rate(String stage, long records, double seconds) {
    double perSecond() {
      return records / seconds;
    }
  }

  private PerformanceBenchmark() {}

  /** Posts kept for the insert stage: enough for a steady rate, without a heap that grows with {@code --records}. */
  static final int INSERT_POSTS = 500_000;

  static List<Rate> run(long n, ClickHouseSettings scratch, int parallelism, Duration checkpointInterval, Path workDir) throws Exception {
    Path input = workDir.resolve("bench.jsonl");
    BenchRecords.write(input, n);
    Encoded encoded = encode(input);
    List<Rate> rates = new ArrayList<>();
    try (EmbeddedKafka broker = EmbeddedKafka.start(workDir.resolve("kafka"), 0)) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      TopicAdmin.ensureTopics(kafka);
      rates.add(rawProduce(kafka, encoded));
      Rate inserts = clickHouseInserts(scratch.withDatabase(scratch.database() + "_inserts"), encoded.posts());
      // The encoded records (about 250 MB a million) and posts are not the job's: let them go before it runs.
      encoded = null;
      rates.add(importFile(kafka, input, n));
      rates.addAll(pipeline(kafka, scratch, n, parallelism, checkpointInterval, workDir));
      rates.add(rawTablesOnly(kafka, scratch.withDatabase(scratch.database() + "_raw"), n, parallelism, checkpointInterval, workDir));
      rates.add(inserts);
    }
    return rates;
  }

  /** The records' Kafka keys and Avro values, and the first {@link #INSERT_POSTS} posts. */
  private record Encoded(List<byte[]> keys, List<byte[]> values, List<Post> posts) {}

  private static Encoded encode(Path input) throws Exception {
    JsonLinesCodec codec = new JsonLinesCodec();
    Encoded out = new Encoded(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        SpecificRecord record = codec.decode(line);
        out.keys().add(RecordKeys.keyBytes(record));
        out.values().add(RecordType.of(record).encode(record));
        if (record instanceof Post p && out.posts().size() < INSERT_POSTS) {
          out.posts().add(p);
        }
      }
    }
    return out;
  }

  /** Kafka's producer with its default settings (acks=all, idempotent), bytes encoded beforehand. */
  private static Rate rawProduce(KafkaSettings kafka, Encoded records) throws Exception {
    List<byte[]> keys = records.keys();
    List<byte[]> values = records.values();
    String topic = "kooch.bench.raw";
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin.createTopics(List.of(new NewTopic(topic, kafka.partitions(), kafka.replication()))).all().get();
    }
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < keys.size(); i++) {
        producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
      }
      producer.flush();
    }
    return new Rate("Kafka produce, raw (reference)", keys.size(), seconds(start));
  }

  private static Rate importFile(KafkaSettings kafka, Path input, long n) throws Exception {
    long start = System.nanoTime();
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      new JsonLinesImporter(new JsonLinesCodec(), publisher, new PrintStream(new ByteArrayOutputStream()), false).importFile(input);
      publisher.flush();
    }
    return new Rate("ingest: kooch import -> Kafka (Avro)", n, seconds(start));
  }

  /**
   * The whole bounded job (start, input, end-of-input days, final checkpoint), and its steady rate
   * while reading: between 10% and 90% of the input read.
   */
  private static List<Rate> pipeline(KafkaSettings kafka, ClickHouseSettings scratch, long n, int parallelism, Duration checkpointInterval, Path workDir)
      throws Exception {
    ScratchDatabase.recreate(scratch);
    long start = System.nanoTime();
    BoundedRunProgress progress = BoundedRunProgress.quiet(n);
    progress.execute(JobRunner.environment(kafka, scratch, true, parallelism, checkpointInterval, workDir, null));
    Rate whole = new Rate("pipeline: Kafka -> Flink -> ClickHouse", n, seconds(start));
    double steady = progress.steadyRate();
    if (!Double.isFinite(steady)) {
      return List.of(whole); // a run too short for two progress samples between 10% and 90%
    }
    long middle = n * 8 / 10;
    return List.of(whole, new Rate("  same, while reading (10%-90% of input)", middle, middle / steady));
  }

  /**
   * The floor under the pipeline: the same bounded run over the same topics with only the decoding
   * and the raw tables (no channel_daily, no analytics), into a database of its own.
   */
  private static Rate rawTablesOnly(KafkaSettings kafka, ClickHouseSettings scratch, long n, int parallelism, Duration checkpointInterval,
      Path workDir) throws Exception {
    ScratchDatabase.recreate(scratch);
    JobSettings settings = JobRunner.settings(kafka, scratch, true, "kooch-bench-raw-tables");
    StreamExecutionEnvironment env =
        FlinkEnvironments.local(parallelism, checkpointInterval, JobRunner.checkpointDir(workDir.resolve("raw-tables")), null);
    new LandingStage(settings.tableSinks()).land(KoochJob.records(env, KafkaConnectors.recordSource(settings), settings)).deadLetters()
        .sinkTo(KafkaConnectors.deadLetterSink(settings)).name("dead-letters").uid("dead-letters");
    long start = System.nanoTime();
    BoundedRunProgress.quiet(n).execute(env);
    return new Rate("  floor: raw tables only (no analytics)", n, seconds(start));
  }

  /** The posts as the sink encodes them (RowBinary), inserted in batches of 50,000 rows (at most {@link #INSERT_POSTS}). */
  private static Rate clickHouseInserts(ClickHouseSettings scratch, List<Post> posts) throws Exception {
    ScratchDatabase.recreate(scratch);
    long start = System.nanoTime();
    try (ClickHouseGateway g = new ClickHouseGateway(scratch)) {
      RowBinaryBatch<Post> batch = new RowBinaryBatch<>(RawTableRows.POSTS);
      for (Post p : posts) {
        batch.add(p);
        if (batch.size() == 50_000) {
          batch.insertInto(g, "posts");
          batch.clear();
        }
      }
      if (batch.size() > 0) {
        batch.insertInto(g, "posts");
      }
    }
    return new Rate("ClickHouse insert alone (posts)", posts.size(), seconds(start));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
