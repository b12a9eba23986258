package org.kooch.streaming.attention;

/**
 * One channel's day in the attention operator's state (a POJO): how many collections were folded
 * in (the row's version: a row computed from more input always wins in ReplacingMergeTree, also
 * across a full reprocessing), whether its row was written, and the row's sums over the day's
 * posts, kept up to date as each post changes so a row costs the same however many posts the day
 * has. The posts themselves ({@link PostViews}) are in chunks of their own
 * ({@link org.kooch.streaming.state.DayChunks}), {@link #chunks} of them.
 */
public class AttentionDay {
  public long epochDay;
  public long inputs;
  public boolean emitted;
  /**
   * The chunks the day's posts are in; 0 only in state written before the posts moved out of this
   * value (the field did not exist): such a day still has its posts in {@link #posts}.
   */
  public int chunks;
  public int postCount;
  /** The views last observed, summed over the posts where known. */
  public long views;
  public int posts24h;
  public long views24h;
  public int postsUnder24h;
  /**
   * The day's posts as state written before they moved into chunks kept them ({@link PostViews}
   * rows): read once, when such a restored day is first touched, moved into the chunks and
   * emptied ({@link ChannelAttentionAggregator}). Kept so that a checkpoint or savepoint of that
   * layout restores with the same rows; empty otherwise.
   */
  public long[] posts = new long[0];

  public AttentionDay() {}

  AttentionDay(long epochDay) {
    this.epochDay = epochDay;
    this.chunks = 1;
  }

  /** Adds ({@code sign} 1) or takes away (-1) what the post at {@code index} of {@code rows} adds to the row's sums, but the post count. */
  void count(long[] rows, int index, int sign) {
    long last = PostViews.lastViews(rows, index);
    if (last != PostObservation.UNKNOWN) {
      views += sign * last;
    }
    long at24h = PostViews.viewsAt24h(rows, index);
    if (at24h != PostViews.NOT_MEASURED) {
      posts24h += sign;
      views24h += sign * at24h;
    } else if (PostViews.under24h(rows, index)) {
      postsUnder24h += sign;
    }
  }

  ChannelAttentionRow toRow(String platform, String channel) {
    ChannelAttentionRow r = new ChannelAttentionRow();
    r.platform = platform;
    r.channel = channel;
    r.epochDay = epochDay;
    r.posts = postCount;
    r.views = views;
    r.posts24h = posts24h;
    r.views24h = views24h;
    r.postsUnder24h = postsUnder24h;
    r.version = inputs;
    return r;
  }
}
