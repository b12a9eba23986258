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
 *       the other's posts, in enough shared posts that siblings rarely look the same.
 * </ul>
 *
 * An impostor under an owner's handle shares no posts and gets no flow; siblings, accounts opened
 * together and filled with copies of a third one's posts, follow neither.
 *
 * <p>The link goes from the account whose posts came first to the follower. Its {@code first_seen}
 * is when the move began ({@link #moveStart}): the first shared post, or the follower's opening
 * when it was opened for the move. The flow baseline needs that day. The direction is fixed at the first verdict, so
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
  static final int ALL_OF = 8;
  static final int ALL_BUT_ONE_OF = 12;
  static final int ALL_OF_A_NEWER = 6;
  /** How much later than the other the follower must have been first seen to count as opened for a move. */
  static final long NEW_ACCOUNT_MS = 7 * 86_400_000L;

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
    long start = moveStart(e);
    if (!first && confidence <= e.emittedConfidence && start >= e.emittedFirstSeen) {
      return;
    }
    if (first) {
      e.emittedFromFirstSide = firstSideLeads(e);
    }
    e.emittedConfidence = Math.max(confidence, e.emittedConfidence);
    e.emittedFirstSeen = Math.min(start, e.emittedFirstSeen);
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
        if (link.fromSeen != null && link.toSeen != null) {
          boolean fromIsFirst = link.fromKey().compareTo(link.toKey()) < 0;
          long first = fromIsFirst ? link.fromSeen : link.toSeen;
          long second = fromIsFirst ? link.toSeen : link.fromSeen;
          changed |= first < e.firstSideSeen || second < e.secondSideSeen;
          e.firstSideSeen = Math.min(e.firstSideSeen, first);
          e.secondSideSeen = Math.min(e.secondSideSeen, second);
        }
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
   * Whether the shared posts show one account following the other. An account that mirrors
   * another posts its copies after the originals. Siblings, accounts an owner opened together and
   * fills with copies of a third account's posts, share as many, but which of two copies comes
   * first is chance. So the shared posts must all come first from one side, and so many that
   * siblings rarely manage it: 8 (0.8% of sibling pairs), or 12 with one exception (0.6%). With
   * the same handle, when the account whose posts come first was also seen at least {@link
   * #NEW_ACCOUNT_MS} before the other (an account opened to move to), 6 in a row will do: siblings
   * are opened together, and a sibling older than the other leads 6 in a row for 1.6% of pairs.
   */
  static boolean movesOnePlatformToAnother(PairEvidence e) {
    int counted = e.sameContentPosts.size() + e.forwardedPosts.size();
    int minority = (counted - Math.abs(e.firstSideLeads)) / 2;
    if (minority == 0 && counted >= ALL_OF) {
      return true;
    }
    if (minority <= 1 && counted >= ALL_BUT_ONE_OF) {
      return true;
    }
    return followerIsNewer(e) && minority == 0 && counted >= ALL_OF_A_NEWER;
  }

  /**
   * When the move began: the first shared post, or the follower's first sighting when it was
   * opened after the other and started sharing posts within {@link #NEW_ACCOUNT_MS} of opening
   * (an account opened for the move: its first copies may come days after its first joiners).
   */
  static long moveStart(PairEvidence e) {
    long followerSeen = firstSideLeads(e) ? e.secondSideSeen : e.firstSideSeen;
    boolean opened = followerIsNewer(e) && followerSeen <= e.firstShared && e.firstShared - followerSeen <= NEW_ACCOUNT_MS;
    return opened ? followerSeen : e.firstShared;
  }

  /** Whether the pair's first account (by key order) posted first, in most shared posts (ties: the first). */
  private static boolean firstSideLeads(PairEvidence e) {
    return e.firstSideLeads >= 0;
  }

  /** Whether, with both sightings known, the follower was first seen at least {@link #NEW_ACCOUNT_MS} after the leader. */
  private static boolean followerIsNewer(PairEvidence e) {
    long leaderSeen = firstSideLeads(e) ? e.firstSideSeen : e.secondSideSeen;
    long followerSeen = firstSideLeads(e) ? e.secondSideSeen : e.firstSideSeen;
    return leaderSeen != Long.MAX_VALUE && followerSeen != Long.MAX_VALUE && followerSeen - leaderSeen >= NEW_ACCOUNT_MS;
  }

  /** The pair's confidence from its evidence (see the class comment). */
  static double confidence(PairEvidence e) {
    double doubt = (e.sameHandle ? 1 - HANDLE : 1)
        * Math.pow(POST_DOUBT, e.sameContentPosts.size())
        * Math.pow(FORWARD_DOUBT, e.forwardedPosts.size());
    return 1 - doubt;
  }
}
