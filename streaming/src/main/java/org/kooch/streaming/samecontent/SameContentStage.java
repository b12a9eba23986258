package org.kooch.streaming.samecontent;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.kooch.schemas.Post;
import org.kooch.streaming.links.ChannelLinkRow;

/**
 * Near-identical posts on two platforms, published within a day of each other: the same owner
 * cross-posting.
 *
 * <pre>
 * posts ──► MinHash ─► LSH buckets ─► same content ─► same_content links (returned)
 * </pre>
 */
public final class SameContentStage {
  /** Returns a {@code same_content} link for each near-duplicate pair of posts. */
  public DataStream<ChannelLinkRow> detect(DataStream<Post> posts) {
    return posts.flatMap(new MinHashBands()).returns(PostSignature.class).name("minhash").uid("minhash")
        .keyBy(s -> s.bucket).transform("same-content", TypeInformation.of(ChannelLinkRow.class), new SameContentDetector())
        .uid("same-content-buckets");
  }
}
