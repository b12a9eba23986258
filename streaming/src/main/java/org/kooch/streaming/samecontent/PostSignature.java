package org.kooch.streaming.samecontent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.CopyableValue;

/**
 * A post's packed MinHash signature routed to the LSH buckets of one same-content subtask: the
 * bands whose buckets that subtask holds travel together ({@link MinHashBands}), so a post
 * crosses the network once per subtask instead of once per band. It serializes itself field by
 * field ({@link CopyableValue}) instead of through Flink's reflective POJO serializer. The
 * platform and channel are kept as written ({@link DataOutputView#writeUTF}: a two-byte length,
 * then modified UTF-8), so the network, the detector's buckets and its checkpoints copy bytes;
 * they are decoded only for the rare post that makes a link.
 */
public class PostSignature implements CopyableValue<PostSignature> {
  private static final long serialVersionUID = 1L;
  /**
   * Recently read platform and channel names, by hash: posts read from the network or a
   * checkpoint share one array per name (a few thousand channels) instead of holding their own,
   * which the detector's snapshot would have to fetch from all over the heap. A name that
   * collides with another is just not shared.
   */
  private static final AtomicReferenceArray<byte[]> NAMES = new AtomicReferenceArray<>(1 << 14);
  /** Bytes of {@link #numbers}: post id, publication time, signature. */
  static final int NUMBERS = 8 * (2 + MinHasher.PACKED);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** The key the record is routed by: the first of {@link #buckets}. */
  public long bucket;
  /**
   * The {@link MinHashBands} subtask that sent it: the detector tracks how far each sender has
   * read ({@link SameContentDetector}). Sent over the network only, never kept in state.
   */
  public int origin;
  /** The buckets this record is compared in and kept in (all held by one subtask). */
  public long[] buckets;
  /** {@link DataOutputView#writeUTF} form. */
  private byte[] platform;
  private byte[] channel;
  public long postId;
  public long publishedAt;
  /** {@link MinHasher#pack packed}: {@link MinHasher#PACKED} longs. */
  public long[] signature;
  /**
   * {@link #postId}, {@link #publishedAt} and {@link #signature} as they are written (big-endian),
   * made once: the detector's checkpoint writes each post once per bucket, a million times or
   * more, and copying one array is cheaper than writing ten longs.
   */
  private byte[] numbers;

  public PostSignature() {}

  /** A post in one bucket. */
  public PostSignature(long bucket, String platform, String channel, long postId, long publishedAt, long[] signature) {
    this.bucket = bucket;
    this.buckets = new long[] {bucket};
    this.platform = utf(platform);
    this.channel = utf(channel);
    this.postId = postId;
    this.publishedAt = publishedAt;
    this.signature = signature;
    this.numbers = new byte[NUMBERS];
    LONGS.set(numbers, 0, postId);
    LONGS.set(numbers, 8, publishedAt);
    for (int i = 0; i < signature.length; i++) {
      LONGS.set(numbers, 16 + 8 * i, signature[i]);
    }
  }

  /** The same post routed to other buckets (sharing its arrays, which are never changed). */
  public PostSignature inBuckets(long[] otherBuckets) {
    PostSignature c = new PostSignature();
    c.origin = origin;
    c.bucket = otherBuckets[0];
    c.buckets = otherBuckets;
    c.platform = platform;
    c.channel = channel;
    c.postId = postId;
    c.publishedAt = publishedAt;
    c.signature = signature;
    c.numbers = numbers;
    return c;
  }

  @Override
  public void write(DataOutputView out) throws IOException {
    out.writeShort(origin);
    out.writeByte(buckets.length);
    for (long b : buckets) {
      out.writeLong(b);
    }
    writePost(out);
  }

  @Override
  public void read(DataInputView in) throws IOException {
    origin = in.readUnsignedShort();
    buckets = new long[in.readUnsignedByte()];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = in.readLong();
    }
    bucket = buckets[0];
    readPost(in);
  }

  /** Bytes of the post's checkpoint entry ({@link SameContentStateFormat}). */
  int entryLength() {
    return 8 + platform.length + channel.length + NUMBERS;
  }

  /** The post's checkpoint entry in bucket {@code key} ({@link SameContentStateFormat}), copied into {@code into} at {@code at} ({@link #entryLength} bytes). */
  void copyEntry(long key, byte[] into, int at) {
    LONGS.set(into, at, key);
    at += 8;
    System.arraycopy(platform, 0, into, at, platform.length);
    at += platform.length;
    System.arraycopy(channel, 0, into, at, channel.length);
    at += channel.length;
    System.arraycopy(numbers, 0, into, at, NUMBERS);
  }

  /** The post without its buckets: platform, channel, then {@link #NUMBERS}. */
  void writePost(DataOutputView out) throws IOException {
    out.write(platform);
    out.write(channel);
    out.write(numbers);
  }

  void readPost(DataInputView in) throws IOException {
    platform = readUtf(in);
    channel = readUtf(in);
    numbers = new byte[NUMBERS];
    in.readFully(numbers);
    postId = (long) LONGS.get(numbers, 0);
    publishedAt = (long) LONGS.get(numbers, 8);
    signature = new long[MinHasher.PACKED];
    for (int i = 0; i < signature.length; i++) {
      signature[i] = (long) LONGS.get(numbers, 16 + 8 * i);
    }
  }

  @Override
  public int getBinaryLength() {
    return -1;
  }

  @Override
  public void copyTo(PostSignature target) {
    target.origin = origin;
    target.bucket = bucket;
    target.buckets = buckets.clone();
    target.platform = platform;
    target.channel = channel;
    target.postId = postId;
    target.publishedAt = publishedAt;
    target.signature = signature.clone();
    target.numbers = numbers;
  }

  @Override
  public PostSignature copy() {
    PostSignature c = new PostSignature();
    copyTo(c);
    return c;
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    target.writeShort(source.readUnsignedShort());
    int buckets = source.readUnsignedByte();
    target.writeByte(buckets);
    target.write(source, 8 * buckets);
    for (int field = 0; field < 2; field++) {
      int length = source.readUnsignedShort();
      target.writeShort(length);
      target.write(source, length);
    }
    target.write(source, NUMBERS);
  }

  @Override
  public String toString() {
    return platform() + "/" + channel() + "#" + postId + "@" + publishedAt + " in " + Arrays.toString(buckets) + " " + Arrays.toString(signature);
  }

  public String platform() {
    return decode(platform);
  }

  public String channel() {
    return decode(channel);
  }

  /** Whether the two are the same post (in different buckets). */
  boolean isSamePost(PostSignature other) {
    return postId == other.postId && publishedAt == other.publishedAt && samePlatform(other) && Arrays.equals(channel, other.channel);
  }

  Identity identity() {
    return new Identity(this);
  }

  /** A post's identity as a map key: equal for the copies of a post a checkpoint restores. */
  record Identity(PostSignature post) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && post.isSamePost(other.post);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(post.postId) * 31 + Arrays.hashCode(post.channel);
    }
  }

  /** Whether the two posts are on the same platform. */
  boolean samePlatform(PostSignature other) {
    return Arrays.equals(platform, other.platform);
  }

  private static byte[] utf(String s) {
    DataOutputSerializer out = new DataOutputSerializer(s.length() * 3 + 2);
    try {
      out.writeUTF(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.getCopyOfBuffer();
  }

  private static String decode(byte[] utf) {
    try {
      return new DataInputDeserializer(utf).readUTF();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readUtf(DataInputView in) throws IOException {
    int length = in.readUnsignedShort();
    byte[] utf = new byte[length + 2];
    utf[0] = (byte) (length >>> 8);
    utf[1] = (byte) length;
    in.readFully(utf, 2, length);
    int slot = Arrays.hashCode(utf) & (NAMES.length() - 1);
    byte[] known = NAMES.get(slot);
    if (known != null && Arrays.equals(known, utf)) {
      return known;
    }
    NAMES.set(slot, utf);
    return utf;
  }
}
