package org.kooch.streaming.attention;

/**
 * One channel's day in the attention operator's state (a POJO): its posts ({@link PostViews}),
 * how many collections were folded in (the row's version: a row computed from more input always
 * wins in ReplacingMergeTree, also across a full reprocessing) and whether its row was written.
 */
public class AttentionDay {
  public long epochDay;
  public long inputs;
  public boolean emitted;
  public long[] posts = new long[0];

  public AttentionDay() {}

  AttentionDay(long epochDay) {
    this.epochDay = epochDay;
  }

  ChannelAttentionRow toRow(String platform, String channel) {
    ChannelAttentionRow r = new ChannelAttentionRow();
    r.platform = platform;
    r.channel = channel;
    r.epochDay = epochDay;
    int n = PostViews.size(posts);
    r.posts = n;
    for (int i = 0; i < n; i++) {
      long last = PostViews.lastViews(posts, i);
      if (last != PostObservation.UNKNOWN) {
        r.views += last;
      }
      long at24h = PostViews.viewsAt24h(posts, i);
      if (at24h != PostViews.NOT_MEASURED) {
        r.posts24h++;
        r.views24h += at24h;
      } else if (PostViews.under24h(posts, i)) {
        r.postsUnder24h++;
      }
    }
    r.version = inputs;
    return r;
  }
}
