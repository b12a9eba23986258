package org.kooch.streaming.links;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.kooch.schemas.ChannelProfile;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.Post;

/** Flink functions around {@link LinkExtractor}: links in posts, and links in profiles. */
public final class ExtractLinks {
  private ExtractLinks() {}

  /** Links announced in posts (URLs, text links, mentions) and forwards. */
  public static final class FromPosts implements FlatMapFunction<Post, ChannelLinkRow> {
    private transient LinkExtractor extractor;

    @Override
    public void flatMap(Post p, Collector<ChannelLinkRow> out) {
      if (extractor == null) {
        extractor = new LinkExtractor(PlatformRegistry.defaults());
      }
      extractor.fromPost(p).forEach(out::collect);
    }
  }

  /** Links in channel descriptions. */
  public static final class FromProfiles implements FlatMapFunction<ChannelProfile, ChannelLinkRow> {
    private transient LinkExtractor extractor;

    @Override
    public void flatMap(ChannelProfile c, Collector<ChannelLinkRow> out) {
      if (extractor == null) {
        extractor = new LinkExtractor(PlatformRegistry.defaults());
      }
      extractor.fromProfile(c).forEach(out::collect);
    }
  }
}
