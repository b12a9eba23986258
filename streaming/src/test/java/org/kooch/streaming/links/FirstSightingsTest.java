package org.kooch.streaming.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.kooch.schemas.SubscriberCount;
import org.kooch.streaming.daily.ChannelEvent;

class FirstSightingsTest {
  private static final long T0 = 1_524_000_000_000L;

  @Test
  void passesOnlyEventsEarlierThanTheChannelsEarliestSoFar() throws Exception {
    List<ChannelEvent> in = List.of(
        event("telegram", "a", T0 + 5), event("telegram", "a", T0 + 9), event("soroush", "a", T0 + 7),
        event("telegram", "a", T0 + 1), event("telegram", "a", T0 + 1), event("soroush", "a", T0 + 8));
    assertThat(filter(in)).extracting(e -> e.platform + "@" + (e.time - T0))
        .containsExactly("telegram@5", "soroush@7", "telegram@1");
  }

  /** The point of the filter: the same-handle detector's links are the same with it as without. */
  @Test
  void theSameHandleDetectorFindsTheSameLinksBehindIt() throws Exception {
    Random random = new Random(7);
    String[] platforms = {"telegram", "soroush", "gap", "eitaa"};
    List<ChannelEvent> events = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      events.add(event(platforms[random.nextInt(4)], "ch" + random.nextInt(40), T0 + random.nextInt(1_000_000)));
    }
    Collections.shuffle(events, random);
    List<ChannelEvent> passed = filter(events);
    assertThat(passed.size()).isLessThan(events.size() / 5);
    assertThat(links(passed)).isNotEmpty().isEqualTo(links(events));
  }

  private static List<ChannelEvent> filter(List<ChannelEvent> events) throws Exception {
    try (OneInputStreamOperatorTestHarness<ChannelEvent, ChannelEvent> h =
        new OneInputStreamOperatorTestHarness<>(new StreamFilter<>(new FirstSightings()))) {
      h.open();
      for (ChannelEvent e : events) {
        h.processElement(e, e.time);
      }
      return new ArrayList<>(h.extractOutputValues());
    }
  }

  /** The detector's final link per pair (its latest emission: first_seen only moves earlier). */
  private static Set<String> links(List<ChannelEvent> events) throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, ChannelEvent, ChannelLinkRow> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SameHandleDetector()), e -> e.channel, Types.STRING)) {
      h.open();
      for (ChannelEvent e : events) {
        h.processElement(e, e.time);
      }
      java.util.Map<String, Long> latest = new java.util.TreeMap<>();
      h.extractOutputValues().forEach(l -> latest.merge(l.fromKey() + ">" + l.toKey(), l.firstSeen, Math::min));
      Set<String> out = new TreeSet<>();
      latest.forEach((k, v) -> out.add(k + "@" + v));
      return out;
    }
  }

  private static ChannelEvent event(String platform, String channel, long time) {
    return ChannelEvent.of(SubscriberCount.newBuilder().setPlatform(platform).setChannel(channel)
        .setObservedAt(java.time.Instant.ofEpochMilli(time)).setSubscribers(1).setSource("test").build());
  }
}
