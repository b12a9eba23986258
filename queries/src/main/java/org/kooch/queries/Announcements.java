package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.clickhouse.Sql;

/**
 * Announcements: posts that link to other platforms ({@code v_posts} with links, read as
 * {@link LogicalRows#POSTS}), text exactly as published. For a set of accounts (a channel page) or for every channel of the wanted platforms.
 */
public final class Announcements {
  public static final int MAX_POSTS = 100;

  /** A post with links; {@code publishedAt} is UTC, {@code yyyy-MM-dd HH:mm:ss}. */
  public record Post(String platform, String channel, long postId, String publishedAt, String text, List<String> links, Long views) {}

  private final Reader clickhouse;

  public Announcements(ClickHouseGateway clickhouse) {
    this(clickhouse::query);
  }

  public Announcements(Reader clickhouse) {
    this.clickhouse = clickhouse;
  }

  /**
   * The accounts' announcements in the range, oldest first. The posts are picked from the narrow
   * {@code post_links_index} (a channel's posts of a year are a granule or two there, against one or
   * more per month in {@code posts}), then read from {@code posts} by their keys and months, where
   * their newest version must still have links.
   */
  public List<Post> of(Collection<Account> accounts, DateRange range) {
    String in = accounts.stream().map(Account::sqlTuple).collect(Collectors.joining(", "));
    List<JsonNode> picked = clickhouse.query("SELECT platform, channel, post_id, published_at FROM "
        + LogicalRows.POST_LINKS_INDEX.where("(platform, channel) IN (" + in + ") AND " + range.sqlTime("published_at"), "has_links = 1")
        + " ORDER BY published_at, platform, channel, post_id LIMIT " + MAX_POSTS);
    if (picked.isEmpty()) {
      return List.of();
    }
    String keys = picked.stream().map(r -> "(" + Sql.literal(Rows.text(r, "platform")) + ", " + Sql.literal(Rows.text(r, "channel")) + ", "
        + Rows.number(r, "post_id") + ")").collect(Collectors.joining(", "));
    String first = Sql.literal(Rows.text(picked.get(0), "published_at"));
    String last = Sql.literal(Rows.text(picked.get(picked.size() - 1), "published_at"));
    return query("(platform, channel, post_id) IN (" + keys + ") AND published_at >= " + first + " AND published_at <= " + last,
        "published_at");
  }

  /** Every announcement of the wanted platforms in the range, newest first. */
  public List<Post> query(Filters f) {
    return query(f.range().sqlTime("published_at") + f.platformIn("platform"), "published_at DESC");
  }

  public static Table table(List<Post> posts) {
    List<List<Object>> rows = new ArrayList<>();
    posts.forEach(p -> rows.add(java.util.Arrays.asList(p.publishedAt(), p.platform(), p.channel(), p.postId(), p.views(), p.links(), p.text())));
    return new Table(List.of("published_at", "platform", "channel", "post_id", "views", "links", "text"), rows);
  }

  private List<Post> query(String key, String order) {
    List<Post> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(
        "SELECT platform, channel, post_id, published_at, text, links, views FROM "
            + LogicalRows.POSTS.where(key, "notEmpty(links)") + " ORDER BY " + order + ", platform, channel, post_id LIMIT " + MAX_POSTS)) {
      List<String> links = new ArrayList<>();
      r.get("links").forEach(l -> links.add(l.asText()));
      out.add(new Post(Rows.text(r, "platform"), Rows.text(r, "channel"), Rows.number(r, "post_id"), Rows.text(r, "published_at"),
          Rows.text(r, "text"), links, Rows.nullableNumber(r, "views")));
    }
    return out;
  }
}
