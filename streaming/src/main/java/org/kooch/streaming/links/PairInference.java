package org.kooch.streaming.links;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by unordered pair of accounts on two platforms ({@link ChannelLinkRow#pairKey}): adds up
 * the evidence that they share an owner without an announcement, and emits the pair as an
 * {@link ChannelLinkRow#INFERRED} link, so flows are estimated for it as for an announced pair,
 * once both hold:
 *
 * <ul>
 *   <li>its confidence reaches {@link #THRESHOLD}: {@code 1 - (1 - handle) * 0.7^posts *
 *       0.6^forwards}, where the same handle gives {@link #HANDLE} (handles are squatted, so never
 *       enough alone), each distinct post near-identical to one of the other account's published
 *       within a day ({@code same_content}) leaves 70% of the doubt, each post forwarded from the
 *       other account 60%;
 *   <li>one account follows the other ({@link #movesOnePlatformToAnother}): its copies come after
 *       the other's posts.
 * </ul>
 *
 * An impostor under an owner's handle shares no posts and gets no flow; siblings, accounts opened
 * together and filled with copies of a third one's posts, follow neither.
 *
 * <p>The link goes from the account whose posts came first to the follower. Its {@code first_seen}
 * is the first shared post: the day an owner's new account starts mirroring the old one is the day
 * its move begins, which the flow baseline needs. The direction is fixed at the first verdict, so
 * the pair keeps one row in {@code channel_links}; the verdict is emitted again only when its
 * confidence grows or an earlier shared post turns up, a bounded number of times
 * ({@link PairEvidence#MAX_POSTS}). A pair announced before its inference is left to the
 * announcement.
 */
public class PairInference extends KeyedProcessFunction<String, ChannelLinkRow, ChannelLinkRow> {
  static final double THRESHOLD = 0.8;
  static final double HANDLE = 0.5;
  static final double POST_DOUBT = 0.7;
  static final double FORWARD_DOUBT = 0.6;
  /** Shared posts needed to tell which account follows the other ({@link #movesOnePlatformToAnother}). */
  static final int DIRECTED_POSTS = 12;

  private transient ValueState<PairEvidence> evidence;

  @Override
  public void open(OpenContext openContext) {
    evidence = getRuntimeContext().getState(new ValueStateDescriptor<>("evidence", PairEvidence.class));
  }

  @Override
  public void processElement(ChannelLinkRow link, Context ctx, Collector<ChannelLinkRow> out) throws Exception {
    if (!link.crossPlatform() || ChannelLinkRow.INFERRED.equals(link.evidence)) {
      return;
    }
    PairEvidence e = evidence.value();
    if (e == null) {
      e = new PairEvidence();
    }
    if (!add(e, link)) {
      return;
    }
    evidence.update(e);
    if (e.announced) {
      return;
    }
    double confidence = confidence(e);
    if (confidence < THRESHOLD || !movesOnePlatformToAnother(e)) {
      return;
    }
    boolean first = e.emittedConfidence == 0;
    if (!first && confidence <= e.emittedConfidence && e.firstShared >= e.emittedFirstSeen) {
      return;
    }
    if (first) {
      e.emittedFromFirstSide = e.firstSideLeads >= 0;
    }
    e.emittedConfidence = Math.max(confidence, e.emittedConfidence);
    e.emittedFirstSeen = Math.min(e.firstShared, e.emittedFirstSeen);
    evidence.update(e);
    String[] sides = ctx.getCurrentKey().split("\\|", 2);
    String from = e.emittedFromFirstSide ? sides[0] : sides[1];
    String to = e.emittedFromFirstSide ? sides[1] : sides[0];
    int f = from.indexOf('/');
    int t = to.indexOf('/');
    out.collect(new ChannelLinkRow(from.substring(0, f), from.substring(f + 1), to.substring(0, t), to.substring(t + 1),
        ChannelLinkRow.INFERRED, e.emittedFirstSeen, null, e.emittedConfidence));
  }

  /** Adds one piece of evidence; returns whether anything changed. */
  private static boolean add(PairEvidence e, ChannelLinkRow link) {
    if (link.announcesMove()) {
      boolean changed = !e.announced;
      e.announced = true;
      return changed;
    }
    switch (link.evidence) {
      case ChannelLinkRow.SAME_HANDLE -> {
        boolean changed = !e.sameHandle;
        e.sameHandle = true;
        return changed;
      }
      case ChannelLinkRow.SAME_CONTENT -> {
        return shared(e, e.sameContentPosts, link);
      }
      case ChannelLinkRow.FORWARD -> {
        return shared(e, e.forwardedPosts, link);
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean shared(PairEvidence e, java.util.Set<String> posts, ChannelLinkRow link) {
    boolean earlier = link.firstSeen < e.firstShared;
    e.firstShared = Math.min(e.firstShared, link.firstSeen);
    String post = link.toKey() + "/" + link.postId;
    boolean counted = posts.size() < PairEvidence.MAX_POSTS && posts.add(post);
    if (counted) {
      e.firstSideLeads += link.fromKey().compareTo(link.toKey()) < 0 ? 1 : -1;
    }
    return counted || earlier;
  }

  /**
   * Whether the shared posts show one account following the other: at least {@link
   * #DIRECTED_POSTS} of them, all but one published first on the same side. An account that
   * mirrors another posts its copies after the originals. Siblings, accounts an owner opened
   * together and fills with copies of a third account's posts, share as much, but which of two
   * copies comes first is chance: twelve in a row from one side happen to 0.6% of sibling pairs.
   */
  static boolean movesOnePlatformToAnother(PairEvidence e) {
    int counted = e.sameContentPosts.size() + e.forwardedPosts.size();
    return counted >= DIRECTED_POSTS && Math.abs(e.firstSideLeads) >= counted - 2;
  }

  /** The pair's confidence from its evidence (see the class comment). */
  static double confidence(PairEvidence e) {
    double doubt = (e.sameHandle ? 1 - HANDLE : 1)
        * Math.pow(POST_DOUBT, e.sameContentPosts.size())
        * Math.pow(FORWARD_DOUBT, e.forwardedPosts.size());
    return 1 - doubt;
  }
}
