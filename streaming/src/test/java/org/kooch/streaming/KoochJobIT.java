package org.kooch.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.ClickHouseSettings;
import org.kooch.clickhouse.ClickHouseTestServer;
import org.kooch.ingest.broker.TestKafka;
import org.kooch.ingest.kafka.KafkaSettings;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.ingest.kafka.TopicAdmin;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;

/** The landing job on a MiniCluster at parallelism 2, with a real broker and a real ClickHouse. */
class KoochJobIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /**
   * This test's rows. The JVM's tests share one broker and every job reads all topics, so other
   * tests' records (their own channels) land in this database too.
   */
  private static final String OWN = "platform = 'telegram' AND channel = 'khamenei_ir'";

  private final JsonLinesCodec codec = new JsonLinesCodec();

  @Test
  void landsRawTablesAndChannelDailyOnceEach() throws Exception {
    KafkaSettings kafka = TestKafka.shared();
    TopicAdmin.ensureTopics(kafka);
    ClickHouseSettings ch = ClickHouseTestServer.freshDatabase("landing");
    String text = "پیام رهبر انقلاب 🌹 در سروش\u200cپلاس: sapp.ir/khamenei_ir";
    String post1 = post(1, "2018-04-18T06:30:00Z", "2018-04-18T07:00:00Z", 100, text);
    String post1Later = post(1, "2018-04-18T06:30:00Z", "2018-04-19T07:00:00Z", 900, text);
    try (RecordPublisher publisher = new RecordPublisher(kafka)) {
      for (String line : List.of(
          post1, post1, post1Later,
          post(2, "2018-04-18T09:00:00Z", "2018-04-18T10:00:00Z", 50, "دومی"),
          post(3, "2018-04-19T09:00:00Z", "2018-04-19T10:00:00Z", 70, "سومی"),
          count("2018-04-18T01:00:00Z", 1000), count("2018-04-18T23:00:00Z", 1200),
          count("2018-04-18T23:00:00Z", 1200), count("2018-04-19T12:00:00Z", 1500),
          "{\"type\":\"profile\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"observedAt\":\"2018-04-18T12:00:00Z\",\"title\":\"KHAMENEI.IR\",\"description\":\"" + text + "\",\"links\":[\"https://sapp.ir/khamenei_ir\"]}",
          "{\"type\":\"platform\",\"platform\":\"soroush\",\"observedAt\":\"2018-04-18T12:00:00Z\",\"reportedUsers\":5000000,\"source\":\"AFP\"}")) {
        publisher.publish(codec.decode(line));
      }
      for (String line : ATTENTION_POSTS) {
        publisher.publish(codec.decode(line));
      }
    }
    Properties p = kafka.clientProperties();
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(p)) {
      raw.send(new ProducerRecord<>(RecordType.SUBSCRIBERS.topic(), "x".getBytes(), "not avro".getBytes())).get();
      // Records another producer wrote past the importers' contract: before 1970 (a DateTime
      // column cannot hold it: a sink that met it would fail the job on every restart) and a
      // thousand years ahead.
      for (String at : List.of("1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z")) {
        Post hostile = Post.newBuilder().setPlatform("telegram").setChannel("khamenei_ir").setPostId(99L).setPublishedAt(Instant.parse(at))
            .setCollectedAt(Instant.parse("2018-04-18T07:00:00Z")).setText("x").setLinks(List.of()).setSource("it").build();
        raw.send(new ProducerRecord<>(RecordType.POST.topic(), "telegram/khamenei_ir".getBytes(), RecordType.POST.encode(hostile))).get();
      }
    }

    JobSettings settings = JobSettings.defaults(kafka.bootstrapServers(), ch, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(1000);
    new KoochJob(KafkaConnectors.recordSource(settings), KafkaConnectors.deadLetterSink(settings), settings).build(env);
    env.execute("landing-it");

    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      List<JsonNode> posts = g.query("SELECT post_id, views, text FROM v_posts WHERE " + OWN + " ORDER BY post_id");
      assertThat(posts).extracting(r -> r.get("post_id").asLong()).containsExactly(1L, 2L, 3L);
      assertThat(posts.get(0).get("views").asLong()).isEqualTo(900);
      assertThat(posts.get(0).get("text").asText()).isEqualTo(text);
      assertThat(g.queryLong("SELECT count() FROM v_subscriber_snapshots WHERE " + OWN)).isEqualTo(3);
      assertThat(g.queryLong("SELECT count() FROM v_channel_profiles WHERE " + OWN)).isEqualTo(1);
      assertThat(g.queryLong("SELECT reported_users FROM v_platform_stats WHERE platform = 'soroush'")).isEqualTo(5_000_000);

      List<JsonNode> daily =
          g.query("SELECT toString(day) AS day, subscribers, subscribers_min, subscribers_max, posts, views FROM v_channel_daily "
              + "WHERE platform = 'telegram' AND channel = 'khamenei_ir' ORDER BY day");
      assertThat(daily).hasSize(2);
      assertThat(daily.get(0).get("day").asText()).isEqualTo("2018-04-18");
      assertThat(daily.get(0).get("subscribers").asLong()).isEqualTo(1200);
      assertThat(daily.get(0).get("subscribers_min").asLong()).isEqualTo(1000);
      assertThat(daily.get(0).get("posts").asLong()).isEqualTo(2);
      assertThat(daily.get(0).get("views").asLong()).isEqualTo(950);
      assertThat(daily.get(1).get("subscribers").asLong()).isEqualTo(1500);
      assertThat(daily.get(1).get("posts").asLong()).isEqualTo(1);
    }

    assertAttention(ch);

    List<DeadLetter> dead =
        TestKafka.readAll(kafka, RecordType.DEAD_LETTER_TOPIC, 1).stream()
            .map(r -> decode(r.value()))
            .filter(d -> d.getSource().startsWith("flink:"))
            .toList();
    assertThat(dead).hasSize(3);
    DeadLetter notAvro = dead.stream().filter(d -> d.getLocation().startsWith("kooch.subscribers.v1-")).findFirst().orElseThrow();
    assertThat(new String(notAvro.getRaw().array(), StandardCharsets.UTF_8)).isEqualTo("not avro");
    assertThat(notAvro.getFailedAt()).isBefore(Instant.now().plusSeconds(1));
    assertThat(dead).filteredOn(d -> d.getLocation().startsWith("kooch.posts.v1-"))
        .extracting(DeadLetter::getKind).containsExactly("out-of-range", "out-of-range");
  }

  /**
   * Posts of telegram/attention_it published on 18 April, collected at several ages (one twice):
   * views at 24 h are 500 (20 h: 400, 28 h: 600, halfway) and 300 (collected at exactly 24 h);
   * one post was last seen at 2 h, one only at 42 h (not measured).
   */
  private static final List<String> ATTENTION_POSTS = List.of(
      attentionPost(1, "2018-04-18T00:00:00Z", "2018-04-18T20:00:00Z", 400),
      attentionPost(1, "2018-04-18T00:00:00Z", "2018-04-19T04:00:00Z", 600),
      attentionPost(1, "2018-04-18T00:00:00Z", "2018-04-19T04:00:00Z", 600),
      attentionPost(2, "2018-04-18T12:00:00Z", "2018-04-19T12:00:00Z", 300),
      attentionPost(2, "2018-04-18T12:00:00Z", "2018-04-20T12:00:00Z", 350),
      attentionPost(3, "2018-04-18T18:00:00Z", "2018-04-18T20:00:00Z", 10),
      attentionPost(4, "2018-04-18T06:00:00Z", "2018-04-20T00:00:00Z", 70));

  private static void assertAttention(ClickHouseSettings ch) {
    try (ClickHouseGateway g = new ClickHouseGateway(ch)) {
      String own = "platform = 'telegram' AND channel = 'attention_it'";
      assertThat(g.queryLong("SELECT count() FROM channel_attention FINAL WHERE " + own)).isEqualTo(1);
      JsonNode day = g.query("SELECT toString(day) AS day, posts, views, posts_24h, views_24h, posts_under_24h FROM v_channel_attention WHERE "
          + own).get(0);
      assertThat(day.get("day").asText()).isEqualTo("2018-04-18");
      assertThat(day.get("posts").asLong()).isEqualTo(4);
      assertThat(day.get("views").asLong()).isEqualTo(600 + 350 + 10 + 70);
      assertThat(day.get("posts_24h").asLong()).isEqualTo(2);
      assertThat(day.get("views_24h").asLong()).isEqualTo(500 + 300);
      assertThat(day.get("posts_under_24h").asLong()).isEqualTo(1);
      // khamenei_ir's posts: each collected once before 24 h of age, or (post 1) at 1 h and 25 h: none measured.
      JsonNode khamenei = g.query("SELECT posts, posts_24h FROM v_channel_attention WHERE " + OWN + " AND day = '2018-04-18'").get(0);
      assertThat(khamenei.get("posts").asLong()).isEqualTo(2);
      assertThat(khamenei.get("posts_24h").asLong()).isZero();
      assertThat(g.queryLong("SELECT views_24h FROM v_platform_attention WHERE platform = 'telegram' AND day = '2018-04-18'"))
          .isEqualTo(g.queryLong("SELECT sum(views_24h) FROM v_channel_attention WHERE platform = 'telegram' AND day = '2018-04-18'"))
          .isGreaterThanOrEqualTo(800);
    }
  }

  private static String attentionPost(long id, String published, String collected, long views) {
    return "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"attention_it\",\"postId\":" + id
        + ",\"publishedAt\":\"" + published + "\",\"collectedAt\":\"" + collected + "\",\"views\":" + views
        + ",\"text\":\"پست " + id + "\",\"source\":\"it\"}";
  }

  private static String post(long id, String published, String collected, long views, String text) {
    return "{\"type\":\"post\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"postId\":" + id
        + ",\"publishedAt\":\"" + published + "\",\"collectedAt\":\"" + collected + "\",\"views\":" + views
        + ",\"text\":\"" + text + "\",\"source\":\"it\"}";
  }

  private static String count(String at, long n) {
    return "{\"type\":\"subscribers\",\"platform\":\"telegram\",\"channel\":\"khamenei_ir\",\"observedAt\":\"" + at
        + "\",\"subscribers\":" + n + ",\"source\":\"it\"}";
  }

  private static DeadLetter decode(byte[] bytes) {
    return DeadLetters.decode(bytes);
  }
}
