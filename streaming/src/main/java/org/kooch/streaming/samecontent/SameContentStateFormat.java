package org.kooch.streaming.samecontent;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The form of the same-content detector's checkpointed entries, and the reader of every form its
 * state has had.
 *
 * <p>An entry is a post as kept in one bucket: the bucket's key (8 bytes), platform and channel
 * (each a 2-byte length, then modified UTF-8), post id (8), publication time (8), then the packed
 * signature ({@link MinHasher#PACKED} longs), all big-endian. The detector stores its entries as
 * {@link EntryLog} chunks in keyed state: a chunk is entries one after the other, oldest first.
 *
 * <p>Earlier versions wrote raw keyed state, one stream per key group, which {@link #readEntries}
 * reads: {@link #LOG_FORMAT}, the number of entries, then the entries oldest first; or, before
 * that, the number of buckets (never negative), then per bucket its key, the number of its posts
 * and their entries.
 */
final class SameContentStateFormat {
  private SameContentStateFormat() {}

  /** First int of a key group's raw state written as its log; the earlier form began with a count of buckets. */
  static final int LOG_FORMAT = -1;

  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** The post's entry in bucket {@code key}. */
  static void writeEntry(DataOutputView out, long key, PostSignature post) throws IOException {
    out.writeLong(key);
    post.writePost(out);
  }

  /** An entry: the post, routed to the bucket it was kept in. */
  static PostSignature readEntry(DataInputView in) throws IOException {
    PostSignature p = new PostSignature();
    p.bucket = in.readLong();
    p.buckets = new long[] {p.bucket};
    p.readPost(in);
    return p;
  }

  /** Reads one key group's entries, oldest first, in either form. */
  static void readEntries(DataInputView in, Consumer<PostSignature> entries) throws IOException {
    int first = in.readInt();
    if (first == LOG_FORMAT) {
      for (int n = in.readInt(); n > 0; n--) {
        entries.accept(readEntry(in));
      }
      return;
    }
    for (int buckets = first; buckets > 0; buckets--) {
      in.readLong();
      for (int n = in.readInt(); n > 0; n--) {
        entries.accept(readEntry(in));
      }
    }
  }

  /** Bytes of the entry at {@code at} in {@code bytes}. */
  static int entryLength(byte[] bytes, int at) {
    return numbersAt(bytes, at) - at + PostSignature.NUMBERS;
  }

  /** The publication time of the entry at {@code at} in {@code bytes}. */
  static long publishedAt(byte[] bytes, int at) {
    return (long) LONG.get(bytes, numbersAt(bytes, at) + 8);
  }

  /** Where the numbers (post id, publication time, signature) of the entry at {@code at} start. */
  private static int numbersAt(byte[] bytes, int at) {
    int channelAt = at + 10 + unsignedShort(bytes, at + 8);
    return channelAt + 2 + unsignedShort(bytes, channelAt);
  }

  private static int unsignedShort(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }
}
