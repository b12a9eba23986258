package org.kooch.streaming.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;
import org.kooch.streaming.kafka.KafkaUnwritableRows;
import org.kooch.streaming.landing.RawTableRows;

/**
 * The sink on a MiniCluster against the real server: batches are inserted on a thread of their
 * own while the task fills the next one, and still every row is in when the job (or a checkpoint)
 * completes, once; a batch the server refuses fails the job with the table's name.
 */
class ClickHouseSinkIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final Instant PUBLISHED = Instant.parse("2018-04-18T06:30:00Z");

  @Test
  void everyRowIsInOnceWhenTheJobEnds() throws Exception {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("sink");
    int n = 20_011; // not a multiple of the batch size: the last batch goes at end of input
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.fromData(posts(n), new AvroTypeInfo<>(Post.class))
        .sinkTo(new ClickHouseSink<>(ch, "posts", RawTableRows.POSTS, 997, Duration.ofMillis(50), RetryPolicy.defaults(), deadLetters()));
    env.execute("clickhouse-sink-it");

    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      var counts = g.query("SELECT count() AS n, uniqExact(post_id) AS ids, min(post_id) AS lo, max(post_id) AS hi FROM posts").get(0);
      assertThat(counts.get("n").asLong()).isEqualTo(n);
      assertThat(counts.get("ids").asLong()).isEqualTo(n);
      assertThat(counts.get("lo").asLong()).isEqualTo(0);
      assertThat(counts.get("hi").asLong()).isEqualTo(n - 1);
      String text = g.query("SELECT text FROM posts WHERE post_id = 7").get(0).get("text").asText();
      assertThat(text).isEqualTo(text(7));
    }
  }

  @Test
  void aRefusedBatchFailsTheJobNamingTheTable() {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("sink_refused");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(posts(50), new AvroTypeInfo<>(Post.class))
        .sinkTo(new ClickHouseSink<>(ch, "no_such_table", RawTableRows.POSTS, 10, Duration.ofSeconds(1), RetryPolicy.defaults(), deadLetters()));

    assertThatThrownBy(() -> env.execute("clickhouse-sink-refused"))
        .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
            .contains("cannot insert 10 rows into no_such_table")
            // 18.16 says "doesn't exist", current servers "does not exist"
            .containsPattern("no_such_table (doesn't|does not) exist"));
  }

  @Test
  void aRowItsColumnsCannotHoldIsADeadLetterAndTheOthersLand() throws Exception {
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("sink_unwritable");
    List<Post> posts = posts(30);
    // Before 1970: DateTime (UInt32 seconds) cannot hold it. The decoder's contract refuses such
    // a post; the sink is the last line of defence for rows that get past it.
    posts.get(11).setPublishedAt(Instant.parse("1969-12-31T23:59:59Z"));
    posts.get(11).setChannel("unwritable_" + ch.database());
    TopicAdmin.ensureTopics(TestKafka.shared());
    TopicMark mark = TopicMark.of(TestKafka.shared(), RecordType.DEAD_LETTER_TOPIC);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(posts, new AvroTypeInfo<>(Post.class))
        .sinkTo(new ClickHouseSink<>(ch, "posts", RawTableRows.POSTS, 7, Duration.ofSeconds(1), RetryPolicy.defaults(), deadLetters()));
    env.execute("clickhouse-sink-unwritable");

    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      assertThat(g.queryLong("SELECT count() FROM posts")).isEqualTo(29);
      assertThat(g.queryLong("SELECT count() FROM posts WHERE post_id = 11")).isZero();
    }
    List<DeadLetter> dead = mark.added(1).stream().map(r -> DeadLetters.decode(r.value()))
        .filter(d -> d.getSource().equals("flink:clickhouse-posts")).toList();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).getKind()).isEqualTo("unwritable");
    assertThat(dead.get(0).getReason()).startsWith("cannot encode a row for posts:");
    assertThat(new String(dead.get(0).getRaw().array(), StandardCharsets.UTF_8)).contains("unwritable_" + ch.database());
  }

  private static UnwritableRows deadLetters() {
    KafkaSettings kafka = TestKafka.shared();
    return new KafkaUnwritableRows(kafka.bootstrapServers(), kafka.clientProperties());
  }

  private static List<Post> posts(int n) {
    List<Post> posts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      posts.add(Post.newBuilder().setPlatform("soroush").setChannel("khamenei_ir").setPostId((long) i)
          .setPublishedAt(PUBLISHED.plusSeconds(i)).setCollectedAt(PUBLISHED.plusSeconds(i + 60)).setText(text(i))
          .setLinks(List.of()).setSource("test").build());
    }
    return posts;
  }

  private static String text(int i) {
    return "پیام شماره " + i + " از سروش\u200cپلاس 🌹";
  }
}
