package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.EmbeddedKafka;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordContract;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.decode.HostileRecordsSample;
import org.kooch.streaming.kafka.RawRecord;

/**
 * The whole job (landing and analytics) over generated hostile records produced straight to Kafka,
 * past every importer: it finishes, every record that keeps the contract lands, every other one is
 * one dead letter, and no row reaches a sink it cannot be written to. A broker of its own, so the
 * other jobs of this JVM do not read these records.
 */
class HostileInputJobIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final int RECORDS = 2_000;

  @Test
  void theJobFinishesAndEachRecordLandsOrIsOneDeadLetter(@TempDir Path dir) throws Exception {
    List<RawRecord> hostile = HostileRecordsSample.of("hostile_job", RECORDS, 20181205L);
    RecordContract contract = RecordContract.systemClock();
    // A byte changed in a handle may still be a valid handle: posts are told apart by their key.
    Set<String> validPosts = new HashSet<>();
    int invalid = 0;
    for (RawRecord r : hostile) {
      SpecificRecord decoded = valid(r, contract);
      if (decoded == null) {
        invalid++;
      } else if (decoded instanceof Post p) {
        validPosts.add(p.getPlatform() + "/" + p.getChannel() + "/" + p.getPostId());
      }
    }
    assertThat(validPosts).as("the sample has posts that land").hasSizeGreaterThan(100);
    assertThat(invalid).as("and records that do not").isGreaterThan(100);

    try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      TopicAdmin.ensureTopics(kafka);
      Properties p = kafka.clientProperties();
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(1 << 20));
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
        for (RawRecord r : hostile) {
          producer.send(new ProducerRecord<>(r.topic, r.key, r.value)).get();
        }
      }

      ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("hostile");
      JobSettings settings = JobSettings.defaults(kafka.bootstrapServers(), ch, true);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      env.enableCheckpointing(1000);
      new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
      env.execute("hostile-input-it");

      try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
        assertThat(g.queryLong("SELECT count() FROM v_posts")).as(ch.database()).isEqualTo(validPosts.size());
      }
      List<DeadLetter> dead = TestKafka.readAll(kafka, RecordType.DEAD_LETTER_TOPIC, invalid).stream()
          .map(r -> DeadLetters.decode(r.value())).toList();
      assertThat(dead).filteredOn(d -> d.getKind().equals("unwritable")).as("rows a sink could not write").isEmpty();
      List<String> decodeLetters = dead.stream().filter(d -> d.getSource().startsWith("flink:kooch.")).map(DeadLetter::getLocation).toList();
      assertThat(decodeLetters).doesNotHaveDuplicates().hasSize(invalid);
      System.out.printf("hostile input through the job: %d records tried, %d landed (%d distinct posts), %d dead-lettered, 0 lost%n",
          RECORDS, RECORDS - invalid, validPosts.size(), invalid);
    }
  }

  /** The record as the job must see it, or null when it must be a dead letter. */
  private static SpecificRecord valid(RawRecord r, RecordContract contract) {
    if (r.value == null) {
      return null;
    }
    try {
      RecordContract.checkSize(r.value.length);
      SpecificRecord record = RecordType.ofTopic(r.topic).orElseThrow().decode(r.value);
      contract.check(record);
      return record;
    } catch (InvalidRecordException e) {
      return null;
    }
  }
}
