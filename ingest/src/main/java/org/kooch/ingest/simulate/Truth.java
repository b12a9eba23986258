package org.kooch.ingest.simulate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What really happened in a simulation: daily flows per channel pair (subscribers who left one
 * channel and joined its owner's channel elsewhere) and every channel's true end-of-day count.
 * Written as CSV so estimates can be scored against it.
 */
public final class Truth {
  /** Subscribers who left {@code from} and joined {@code to} on {@code day}. */
  public record Flow(LocalDate day, String fromPlatform, String fromChannel, String toPlatform, String toChannel, double flow) {}

  /** A channel's true subscriber count at the end of {@code day}. */
  public record ChannelDay(LocalDate day, String platform, String channel, long subscribers) {}

  private final List<Flow> flows = new ArrayList<>();
  private final List<ChannelDay> channels = new ArrayList<>();

  void addFlow(Flow f) {
    if (f.flow() > 0) {
      flows.add(f);
    }
  }

  void addChannelDay(ChannelDay c) {
    channels.add(c);
  }

  public List<Flow> flows() {
    return flows;
  }

  public List<ChannelDay> channels() {
    return channels;
  }

  /** Tracked subscribers per platform and day: the sum of true counts of its channels. */
  public Map<LocalDate, Map<String, Long>> platformTotals() {
    Map<LocalDate, Map<String, Long>> totals = new TreeMap<>();
    for (ChannelDay c : channels) {
      totals.computeIfAbsent(c.day(), d -> new TreeMap<>()).merge(c.platform(), c.subscribers(), Long::sum);
    }
    return totals;
  }

  /** Writes flows.csv, channels.csv and platforms.csv into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Writer w = Files.newBufferedWriter(dir.resolve("flows.csv"), StandardCharsets.UTF_8)) {
      w.write("day,from_platform,from_channel,to_platform,to_channel,flow\n");
      for (Flow f : flows) {
        w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.1f%n", f.day(), f.fromPlatform(), f.fromChannel(), f.toPlatform(), f.toChannel(), f.flow()));
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("channels.csv"), StandardCharsets.UTF_8)) {
      w.write("day,platform,channel,subscribers\n");
      for (ChannelDay c : channels) {
        w.write(c.day() + "," + c.platform() + "," + c.channel() + "," + c.subscribers() + "\n");
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("platforms.csv"), StandardCharsets.UTF_8)) {
      w.write("day,platform,tracked_subscribers\n");
      for (Map.Entry<LocalDate, Map<String, Long>> day : platformTotals().entrySet()) {
        for (Map.Entry<String, Long> p : day.getValue().entrySet()) {
          w.write(day.getKey() + "," + p.getKey() + "," + p.getValue() + "\n");
        }
      }
    }
  }
}
