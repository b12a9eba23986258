package org.kooch.streaming.links;

/** A post's MinHash signature routed to one LSH bucket. */
public class PostSignature {
  public String bucket;
  public String platform;
  public String channel;
  public long postId;
  public long publishedAt;
  public long[] signature;

  public PostSignature() {}

  public PostSignature(String bucket, String platform, String channel, long postId, long publishedAt, long[] signature) {
    this.bucket = bucket;
    this.platform = platform;
    this.channel = channel;
    this.postId = postId;
    this.publishedAt = publishedAt;
    this.signature = signature;
  }
}
