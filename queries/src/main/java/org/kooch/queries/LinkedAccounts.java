package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;

/**
 * A channel's accounts on other platforms: the channels joined to it by an announcement (a link
 * or mention in a post, a link in the description) in {@code v_channel_links}, followed in both
 * directions and transitively (the Telegram channel that announced Soroush and Gap links those
 * two as well). Same handle and same content are not followed: handles are squatted and news is
 * reposted by many channels.
 */
public final class LinkedAccounts {
  static final String ANNOUNCED = "evidence IN ('post_link', 'profile_link') AND from_platform != to_platform";
  private static final int MAX_ROUNDS = 4;

  /** One announced link between two of the accounts. */
  public record Link(Account from, Account to, String evidence, String firstSeen, Long postId) {}

  /** The accounts (the asked-for one first) and the links that join them. */
  public record Result(List<Account> accounts, List<Link> links) {}

  private final Reader clickhouse;

  public LinkedAccounts(ClickHouseGateway clickhouse) {
    this(clickhouse::query);
  }

  public LinkedAccounts(Reader clickhouse) {
    this.clickhouse = clickhouse;
  }

  /**
   * The accounts joined to {@code start}, in rounds: each round takes the links that touch an account
   * known so far and adds their other ends, until a round adds nothing (or {@value #MAX_ROUNDS}
   * rounds); the links are those of the last round. Every round would read all of
   * {@code channel_links} anyway (a link into an account cannot use the key), so the announced links
   * are read once, in one round trip, and the rounds run here.
   */
  public Result of(Account start) {
    List<Link> announced = new ArrayList<>();
    for (JsonNode r : clickhouse.query(
        "SELECT from_platform, from_channel, to_platform, to_channel, evidence, first_seen, post_id"
            + " FROM " + LogicalRows.CHANNEL_LINKS.key(ANNOUNCED)
            + " ORDER BY first_seen, from_platform, from_channel, to_platform, to_channel, evidence")) {
      announced.add(new Link(new Account(Rows.text(r, "from_platform"), Rows.text(r, "from_channel")),
          new Account(Rows.text(r, "to_platform"), Rows.text(r, "to_channel")), Rows.text(r, "evidence"),
          Rows.text(r, "first_seen"), Rows.nullableNumber(r, "post_id")));
    }
    Set<Account> known = new TreeSet<>(Set.of(start));
    List<Link> links = new ArrayList<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Set<Account> touching = Set.copyOf(known);
      links = announced.stream().filter(l -> touching.contains(l.from()) || touching.contains(l.to())).toList();
      int before = known.size();
      links.forEach(l -> {
        known.add(l.from());
        known.add(l.to());
      });
      if (known.size() == before) {
        break;
      }
    }
    List<Account> accounts = new ArrayList<>(List.of(start));
    known.stream().filter(a -> !a.equals(start)).forEach(accounts::add);
    return new Result(accounts, List.copyOf(links));
  }
}
