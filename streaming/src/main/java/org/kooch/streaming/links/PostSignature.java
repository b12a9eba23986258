package org.kooch.streaming.links;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.CopyableValue;

/**
 * A post's packed MinHash signature routed to one LSH bucket. Eight of these cross the network
 * per post and the same-content detector keeps them for a day and a half, so they serialize
 * themselves field by field ({@link CopyableValue}) instead of through Flink's reflective POJO
 * serializer.
 */
public class PostSignature implements CopyableValue<PostSignature> {
  private static final long serialVersionUID = 1L;

  public long bucket;
  public String platform;
  public String channel;
  public long postId;
  public long publishedAt;
  /** {@link MinHasher#pack packed}: {@link MinHasher#PACKED} longs. */
  public long[] signature;

  public PostSignature() {}

  public PostSignature(long bucket, String platform, String channel, long postId, long publishedAt, long[] signature) {
    this.bucket = bucket;
    this.platform = platform;
    this.channel = channel;
    this.postId = postId;
    this.publishedAt = publishedAt;
    this.signature = signature;
  }

  @Override
  public void write(DataOutputView out) throws IOException {
    out.writeLong(bucket);
    out.writeUTF(platform);
    out.writeUTF(channel);
    out.writeLong(postId);
    out.writeLong(publishedAt);
    for (long l : signature) {
      out.writeLong(l);
    }
  }

  @Override
  public void read(DataInputView in) throws IOException {
    bucket = in.readLong();
    platform = in.readUTF();
    channel = in.readUTF();
    postId = in.readLong();
    publishedAt = in.readLong();
    signature = new long[MinHasher.PACKED];
    for (int i = 0; i < signature.length; i++) {
      signature[i] = in.readLong();
    }
  }

  @Override
  public int getBinaryLength() {
    return -1;
  }

  @Override
  public void copyTo(PostSignature target) {
    target.bucket = bucket;
    target.platform = platform;
    target.channel = channel;
    target.postId = postId;
    target.publishedAt = publishedAt;
    target.signature = signature.clone();
  }

  @Override
  public PostSignature copy() {
    PostSignature c = new PostSignature();
    copyTo(c);
    return c;
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    target.writeLong(source.readLong());
    target.writeUTF(source.readUTF());
    target.writeUTF(source.readUTF());
    target.write(source, 8 * (2 + MinHasher.PACKED));
  }

  @Override
  public String toString() {
    return platform + "/" + channel + "#" + postId + "@" + publishedAt + " in " + Long.toHexString(bucket) + " " + Arrays.toString(signature);
  }
}
