package org.kooch.streaming.decode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apache.avro.specific.SpecificRecord;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformStat;
import org.kooch.schemas.Post;
import org.kooch.schemas.RecordType;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.kafka.RawRecord;

/**
 * Kafka records as anyone might have produced them: every record type with any values its Avro
 * schema allows (times from before 1970 to far ahead, counts of any sign and size, texts of any
 * size in any script), and bytes mutated after encoding (cut short, a byte changed, garbage, empty,
 * a record on another type's topic).
 */
final class HostileRecords {
  private HostileRecords() {}

  /** A raw record at {@code offset} of partition 0 of its topic, on channel {@code channel}. */
  static Arbitrary<RawRecord> raw(String channel, long offset) {
    Arbitrary<SpecificRecord> records = Arbitraries.oneOf(posts(channel), counts(channel), profiles(channel), stats());
    Arbitrary<Integer> mutation = Arbitraries.integers().between(0, 9);
    return Combinators.combine(records, mutation, Arbitraries.integers().between(0, 1 << 20), Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
        .as((record, m, at, garbage) -> {
          RecordType type = RecordType.of(record);
          byte[] bytes = type.encode(record);
          String topic = type.topic();
          byte[] value = switch (m) {
            case 1 -> Arrays.copyOf(bytes, at % bytes.length);
            case 2 -> {
              byte[] c = bytes.clone();
              c[at % c.length] ^= (byte) (1 + at % 255);
              yield c;
            }
            case 3 -> garbage;
            case 4 -> null;
            default -> bytes;
          };
          if (m == 5) {
            topic = RecordType.values()[(type.ordinal() + 1) % RecordType.values().length].topic();
          }
          return new RawRecord(topic, 0, offset, channel.getBytes(), value);
        });
  }

  /** A seeded sample, for tests that are not jqwik properties (a MiniCluster job). */
  static List<RawRecord> sample(String channel, int n, long seed) {
    List<RawRecord> out = new ArrayList<>(n);
    java.util.Random random = new java.util.Random(seed);
    net.jqwik.api.sessions.JqwikSession.start();
    try {
      for (int i = 0; i < n; i++) {
        out.add(raw(channel, i).generator(1000).next(random).value());
      }
    } finally {
      net.jqwik.api.sessions.JqwikSession.finish();
    }
    return out;
  }

  private static Arbitrary<Instant> times() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.longs().between(946_684_800_000L, 1_760_000_000_000L)),
        Tuple.of(1, Arbitraries.longs().between(-10_000_000_000_000L, 100_000_000_000_000L)),
        Tuple.of(1, Arbitraries.of(0L, -1L, -1000L, 4_294_967_295_000L, 4_294_967_296_000L)))
        .map(Instant::ofEpochMilli);
  }

  private static Arbitrary<Long> counts() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.longs().between(0, 10_000_000)),
        Tuple.of(1, Arbitraries.longs()),
        Tuple.of(1, Arbitraries.just(null)));
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.strings().withChars("سروشپلاسگایتا \u200c🌹abc\n").ofMaxLength(200)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(100)),
        Tuple.of(1, Arbitraries.of("ب".repeat(70_000), "x".repeat(300_000), "")));
  }

  private static Arbitrary<List<String>> links() {
    return Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.of("https://sapp.ir/khamenei_ir", "https://t.me/x", "gap.im/y").list().ofMaxSize(3)),
        Tuple.of(1, Arbitraries.just("https://t.me/x").list().ofSize(600)));
  }

  private static Arbitrary<SpecificRecord> posts(String channel) {
    return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.longs().between(0, 1L << 40)), Tuple.of(1, Arbitraries.longs())), times(), times(), texts(), counts(), counts(), links())
        .as((id, published, collected, text, views, forwards, links) -> Post.newBuilder()
            .setPlatform("telegram").setChannel(channel).setPostId(id).setPublishedAt(published).setCollectedAt(collected)
            .setText(text).setViews(views).setForwards(forwards).setLinks(links).setSource("hostile").build());
  }

  private static Arbitrary<SpecificRecord> counts(String channel) {
    return Combinators.combine(times(), counts().map(n -> n == null ? -7L : n)).as((at, n) -> SubscriberCount.newBuilder()
        .setPlatform("gap").setChannel(channel).setObservedAt(at).setSubscribers(n).setSource("hostile").build());
  }

  private static Arbitrary<SpecificRecord> profiles(String channel) {
    return Combinators.combine(times(), texts(), texts(), links()).as((at, title, description, links) -> ChannelProfile.newBuilder()
        .setPlatform("eitaa").setChannel(channel).setObservedAt(at).setTitle(title).setDescription(description)
        .setLinks(links).setSource("hostile").build());
  }

  private static Arbitrary<SpecificRecord> stats() {
    return Combinators.combine(times(), counts().map(n -> n == null ? -7L : n)).as((at, n) -> PlatformStat.newBuilder()
        .setPlatform("soroush").setObservedAt(at).setReportedUsers(n).setSource("hostile").build());
  }
}
