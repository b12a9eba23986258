package org.kooch.schemas;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bounds every Kooch record keeps (docs/contracts.md, "Bounds"), checked at every door: the
 * importers and collectors before a record reaches Kafka ({@code RecordPublisher}), and the Flink
 * job after it leaves Kafka (anyone may have produced to a topic). A record inside these bounds can
 * be held by every ClickHouse column and every operator's state; one outside them is refused with
 * an {@link InvalidRecordException} whose message is the dead letter's reason.
 *
 * <p>Platforms are the registry's ids and channels are canonical handles, as the importers and
 * collectors write them: a record from another producer with an unknown platform or a mangled
 * handle would otherwise reach every table and page as if it were real.
 *
 * <p>The bounds are plausibility, not just representability: ClickHouse's {@code DateTime} holds
 * 1970 to 2106, but no messenger channel posted before 2000, and a time more than a day ahead of
 * the clock is a collector's or an exporter's error that would move event time into the future.
 */
public final class RecordContract implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Earliest time any record may carry. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** How far ahead of the clock a time may be (clock skew, time zones mistaken for UTC). */
  public static final Duration FUTURE_SLACK = Duration.ofDays(1);
  /** Largest count (views, forwards, subscribers, reported users): above any platform's users. */
  public static final long MAX_COUNT = 10_000_000_000L;
  /** Longest post text, in chars: Telegram allows 4,096, long-form platforms more. */
  public static final int MAX_TEXT_CHARS = 65_536;
  /** Longest title, source, display name or link, in chars. */
  public static final int MAX_SHORT_TEXT_CHARS = 4_096;
  /** Longest channel description, in chars. */
  public static final int MAX_DESCRIPTION_CHARS = 16_384;
  /** Most links one post or profile may carry. */
  public static final int MAX_LINKS = 512;
  /**
   * Largest record in its Kafka form (Avro single-object encoding), in bytes: a quarter of Kafka's
   * default 1 MiB message limit, so a record, or a dead letter carrying its first bytes, always
   * fits.
   */
  public static final int MAX_RECORD_BYTES = 256 * 1024;

  private final Clock clock;

  public RecordContract(Clock clock) {
    this.clock = clock;
  }

  /** The contract against the system clock. */
  public static RecordContract systemClock() {
    return new RecordContract(Clock.systemUTC());
  }

  /** The latest time a record may carry now. */
  public Instant latest() {
    return clock.instant().plus(FUTURE_SLACK);
  }

  /** True when {@code epochMillis} lies within the time bounds (event time uses this). */
  public boolean plausibleTime(long epochMillis) {
    return epochMillis >= EARLIEST.toEpochMilli() && epochMillis <= latest().toEpochMilli();
  }

  /** Refuses a record that breaks a bound, naming the field, its value and the bound. */
  public void check(SpecificRecord record) {
    if (record instanceof Post p) {
      checkPost(p);
    } else if (record instanceof SubscriberCount s) {
      identity(s.getPlatform(), s.getChannel());
      time("observedAt", s.getObservedAt());
      count("subscribers", s.getSubscribers());
      shortText("source", s.getSource());
    } else if (record instanceof ChannelProfile c) {
      identity(c.getPlatform(), c.getChannel());
      time("observedAt", c.getObservedAt());
      text("title", c.getTitle(), MAX_SHORT_TEXT_CHARS);
      text("description", c.getDescription(), MAX_DESCRIPTION_CHARS);
      links(c.getLinks());
      shortText("source", c.getSource());
    } else if (record instanceof PlatformStat p) {
      platform("platform", p.getPlatform());
      time("observedAt", p.getObservedAt());
      count("reportedUsers", p.getReportedUsers());
      shortText("source", p.getSource());
    } else {
      throw new IllegalArgumentException("not a Kooch record: " + record.getClass().getName());
    }
  }

  /** Refuses a record whose Kafka form is over {@link #MAX_RECORD_BYTES}. */
  public static void checkSize(int encodedBytes) {
    if (encodedBytes > MAX_RECORD_BYTES) {
      throw new InvalidRecordException(
          RefusalKind.TOO_LARGE,
          "record is " + encodedBytes + " bytes encoded, over the limit of " + MAX_RECORD_BYTES);
    }
  }

  private void checkPost(Post p) {
    identity(p.getPlatform(), p.getChannel());
    if (p.getPostId() < 0) {
      throw outOfRange("postId", String.valueOf(p.getPostId()), "0 or more");
    }
    time("publishedAt", p.getPublishedAt());
    time("collectedAt", p.getCollectedAt());
    text("text", p.getText(), MAX_TEXT_CHARS);
    count("views", p.getViews());
    count("forwards", p.getForwards());
    PostRef from = p.getForwardedFrom();
    if (from != null) {
      platform("forwardedFrom.platform", from.getPlatform());
      if (from.getChannel() != null) {
        handle("forwardedFrom.channel", from.getChannel());
      }
      shortText("forwardedFrom.name", from.getName());
      if (from.getPostId() != null && from.getPostId() < 0) {
        throw outOfRange("forwardedFrom.postId", String.valueOf(from.getPostId()), "0 or more");
      }
    }
    links(p.getLinks());
    shortText("source", p.getSource());
  }

  private static void identity(String platform, String channel) {
    platform("platform", platform);
    required("channel", channel);
    handle("channel", channel);
  }

  /** A platform id of the registry: dashboards colour, name and link by it. */
  private static void platform(String field, String id) {
    required(field, id);
    shortText(field, id);
    if (!PlatformRegistry.defaults().isKnown(id)) {
      throw new InvalidRecordException("field '" + field + "' names an unknown platform '" + id + "'");
    }
  }

  /** A channel handle in canonical form (lower case, no '@'), as every door writes it. */
  private static void handle(String field, String channel) {
    if (!Handles.isCanonical(channel)) {
      shortText(field, channel);
      throw new InvalidRecordException("field '" + field + "' is not a canonical channel handle: '" + channel + "'");
    }
  }

  private void time(String field, Instant t) {
    if (t == null) {
      throw new InvalidRecordException("field '" + field + "' is missing");
    }
    if (t.isBefore(EARLIEST) || t.isAfter(latest())) {
      throw outOfRange(field, t.toString(), EARLIEST + " to now + " + FUTURE_SLACK.toDays() + " day (" + latest() + ")");
    }
  }

  private static void count(String field, Long value) {
    if (value != null && (value < 0 || value > MAX_COUNT)) {
      throw outOfRange(field, value.toString(), "0 to " + MAX_COUNT);
    }
  }

  private static void required(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidRecordException("field '" + field + "' is missing");
    }
  }

  private static void shortText(String field, String value) {
    text(field, value, MAX_SHORT_TEXT_CHARS);
  }

  private static void text(String field, String value, int maxChars) {
    if (value == null) {
      return;
    }
    if (value.length() > maxChars) {
      throw new InvalidRecordException(
          RefusalKind.TOO_LARGE, "field '" + field + "' has " + value.length() + " chars, over the limit of " + maxChars);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        // A lone surrogate has no UTF-8 form: Avro would write '?' in its place.
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          throw new InvalidRecordException(
              RefusalKind.NOT_UTF8, "field '" + field + "' holds a lone UTF-16 surrogate at char " + i + ": not Unicode text");
        }
      }
    }
  }

  private static void links(List<String> links) {
    if (links == null) {
      return;
    }
    if (links.size() > MAX_LINKS) {
      throw new InvalidRecordException(
          RefusalKind.TOO_LARGE, "field 'links' has " + links.size() + " entries, over the limit of " + MAX_LINKS);
    }
    for (String link : links) {
      if (link == null) {
        throw new InvalidRecordException("field 'links' holds a null");
      }
      shortText("links", link);
    }
  }

  private static InvalidRecordException outOfRange(String field, String value, String bounds) {
    return new InvalidRecordException(
        RefusalKind.OUT_OF_RANGE, "field '" + field + "' is " + value + ", outside " + bounds);
  }
}
