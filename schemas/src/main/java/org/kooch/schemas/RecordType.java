package org.kooch.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * The kinds of record Kooch moves, each with its JSON Lines {@code type}, its Kafka topic and its
 * Avro single-object codec. Topic names carry a version so an incompatible contract gets a new
 * topic instead of breaking readers.
 */
public enum RecordType {
  POST("post", "kooch.posts.v1", Post.class, Post.getEncoder(), Post.getDecoder()),
  SUBSCRIBERS(
      "subscribers",
      "kooch.subscribers.v1",
      SubscriberCount.class,
      SubscriberCount.getEncoder(),
      SubscriberCount.getDecoder()),
  PROFILE(
      "profile",
      "kooch.profiles.v1",
      ChannelProfile.class,
      ChannelProfile.getEncoder(),
      ChannelProfile.getDecoder()),
  PLATFORM(
      "platform",
      "kooch.platform-stats.v1",
      PlatformStat.class,
      PlatformStat.getEncoder(),
      PlatformStat.getDecoder());

  /** Topic of records that failed validation, with their raw bytes and the reason. */
  public static final String DEAD_LETTER_TOPIC = "kooch.deadletter.v1";

  private final String jsonType;
  private final String topic;
  private final Class<? extends SpecificRecord> recordClass;
  private final BinaryMessageEncoder<? extends SpecificRecord> encoder;
  private final BinaryMessageDecoder<? extends SpecificRecord> decoder;
  private final Optional<RecordType> asOptional = Optional.of(this);

  <T extends SpecificRecord> RecordType(
      String jsonType,
      String topic,
      Class<T> recordClass,
      BinaryMessageEncoder<T> encoder,
      BinaryMessageDecoder<T> decoder) {
    this.jsonType = jsonType;
    this.topic = topic;
    this.recordClass = recordClass;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  public String jsonType() {
    return jsonType;
  }

  public String topic() {
    return topic;
  }

  public static Optional<RecordType> ofJsonType(String type) {
    return Arrays.stream(values()).filter(t -> t.jsonType.equals(type)).findFirst();
  }

  public static Optional<RecordType> ofTopic(String topic) {
    // Asked once per record the job reads: a loop over one array, no stream and no copy of values().
    for (RecordType t : ALL) {
      if (t.topic.equals(topic)) {
        return t.asOptional;
      }
    }
    return Optional.empty();
  }

  private static final RecordType[] ALL = values();

  public static RecordType of(SpecificRecord record) {
    for (RecordType t : values()) {
      if (t.recordClass.isInstance(record)) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a Kooch record: " + record.getClass().getName());
  }

  /** Avro single-object encoding: a header with the schema fingerprint, then the binary body. */
  @SuppressWarnings("unchecked")
  public byte[] encode(SpecificRecord record) {
    try {
      ByteBuffer buffer = ((BinaryMessageEncoder<SpecificRecord>) encoder).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + jsonType + " record", e);
    }
  }

  /**
   * Decodes single-object encoded bytes. Older schema versions resolve through the decoder's
   * known schemas; unknown fingerprints or corrupt bytes raise {@link InvalidRecordException}.
   */
  public SpecificRecord decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRecordException(
          RefusalKind.MALFORMED,
          "not a " + jsonType + " record in Avro single-object encoding: " + e.getMessage());
    }
  }

  /** Topic for records of this type (all record types share the dead-letter topic). */
  public static String[] dataTopics() {
    return Arrays.stream(values()).map(RecordType::topic).toArray(String[]::new);
  }
}
