package org.kooch.queries;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.kooch.clickhouse.ClickHouseGateway;
import org.kooch.clickhouse.LogicalRows;
import org.kooch.schemas.Handles;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.PlatformRegistry;

/**
 * One channel and its owner's accounts on every platform ({@link LinkedAccounts}): each account's
 * latest title and description, daily subscribers, the posts that announced other accounts, and
 * the flows estimated into or out of them ({@code v_channel_flows}). Counts and flows come from
 * the narrow copies ClickHouse keeps of {@code channel_daily} and {@code channel_flows}
 * ({@code channel_daily_counts}, {@code channel_flows_by_account}): a few accounts over every day
 * are a few small granules there.
 */
public final class ChannelPage {
  /** An account with its latest profile (title and description as published: may be Persian). */
  public record Profile(String platform, String channel, String platformName, String title, String description) {}

  /** Estimated subscribers who moved from one account to another over the range. */
  public record Flow(Account from, Account to, long flow, long flowLow, long flowHigh) {}

  /** The page; {@code subscribers} holds one series per account, aligned with {@code days}. */
  public record Result(Profile channel, List<Profile> accounts, List<LinkedAccounts.Link> links, List<String> days,
      List<List<Long>> subscribers, List<Announcements.Post> announcements, List<Flow> flows) {}

  private final Reader clickhouse;
  private final PlatformRegistry registry;

  public ChannelPage(ClickHouseGateway clickhouse, PlatformRegistry registry) {
    this(clickhouse::query, registry);
  }

  public ChannelPage(Reader clickhouse, PlatformRegistry registry) {
    this.clickhouse = clickhouse;
    this.registry = registry;
  }

  public Result query(String platform, String channel, DateRange range) {
    Account start = new Account(Filters.requireKnown(platform, registry), handle(channel));
    LinkedAccounts.Result linked = new LinkedAccounts(clickhouse).of(start);
    String in = "(" + linked.accounts().stream().map(Account::sqlTuple).collect(Collectors.joining(", ")) + ")";
    // The four reads are independent: run side by side, the page takes as long as the slowest.
    CompletableFuture<Map<Account, Profile>> profileRead = SideBySide.start(() -> profiles(in));
    CompletableFuture<List<JsonNode>> countRead = SideBySide.start(() -> clickhouse.query(
        "SELECT platform, channel, day, subscribers FROM " + LogicalRows.CHANNEL_DAILY_COUNTS.where("(platform, channel) IN " + in
            + " AND " + range.sql("day"), "subscribers IS NOT NULL") + " ORDER BY day"));
    CompletableFuture<List<Announcements.Post>> postRead =
        SideBySide.start(() -> new Announcements(clickhouse).of(linked.accounts(), range));
    CompletableFuture<List<Flow>> flowRead = SideBySide.start(() -> flows(in, range));
    Map<Account, Profile> profiles = SideBySide.join(profileRead);
    List<JsonNode> counts = SideBySide.join(countRead);
    List<Announcements.Post> announcements = SideBySide.join(postRead);
    List<Flow> flows = SideBySide.join(flowRead);
    if (!profiles.containsKey(start) && counts.stream().noneMatch(r -> start.equals(account(r, "platform", "channel")))) {
      throw new NotFoundException("no channel " + start + " in the database (kooch channels lists the channels)");
    }
    List<Profile> accounts = linked.accounts().stream()
        .map(a -> profiles.getOrDefault(a, new Profile(a.platform(), a.channel(), platformName(a.platform()), "", ""))).toList();

    TreeSet<LocalDate> seen = new TreeSet<>();
    counts.forEach(r -> seen.add(Rows.day(r, "day")));
    List<LocalDate> days = seen.isEmpty() ? List.of() : DateRange.days(seen.first(), seen.last());
    Map<Account, Long[]> series = new HashMap<>();
    linked.accounts().forEach(a -> series.put(a, new Long[days.size()]));
    for (JsonNode r : counts) {
      series.get(account(r, "platform", "channel"))[days.indexOf(Rows.day(r, "day"))] = Rows.number(r, "subscribers");
    }
    return new Result(accounts.get(0), accounts, linked.links(), days.stream().map(LocalDate::toString).toList(),
        linked.accounts().stream().map(a -> Arrays.asList(series.get(a))).toList(), announcements, flows);
  }

  private Map<Account, Profile> profiles(String in) {
    Map<Account, Profile> out = new HashMap<>();
    for (JsonNode r : clickhouse.query(
        "SELECT platform, channel, argMax(title, observed_at) AS title, argMax(ifNull(description, ''), observed_at) AS description"
            + " FROM " + LogicalRows.CHANNEL_PROFILES.key("(platform, channel) IN " + in) + " GROUP BY platform, channel")) {
      Account a = account(r, "platform", "channel");
      out.put(a, new Profile(a.platform(), a.channel(), platformName(a.platform()), Rows.text(r, "title"), Rows.text(r, "description")));
    }
    return out;
  }

  /**
   * The flows into or out of the accounts, summed over the range. Read from
   * {@code channel_flows_by_account} (migration 013), where each flow of {@code channel_flows} is a
   * row under its source and another under its target: the accounts' rows are a few small granules
   * (in {@code channel_flows}, a flow into an account cannot use the key). A flow between two of the
   * accounts is there under both; its copy under the target is left out.
   */
  private List<Flow> flows(String in, DateRange range) {
    List<Flow> out = new ArrayList<>();
    for (JsonNode r : clickhouse.query(
        "SELECT from_platform, from_channel, to_platform, to_channel, sum(flow) AS flow, sum(flow_low) AS flow_low,"
            + " sum(flow_high) AS flow_high FROM " + LogicalRows.CHANNEL_FLOWS_BY_ACCOUNT.key("(platform, channel) IN " + in
            + " AND " + range.sql("day")
            + " AND ((platform, channel) = (from_platform, from_channel) OR (from_platform, from_channel) NOT IN " + in + ")")
            + " GROUP BY from_platform, from_channel, to_platform, to_channel ORDER BY flow DESC")) {
      out.add(new Flow(account(r, "from_platform", "from_channel"), account(r, "to_platform", "to_channel"),
          Rows.number(r, "flow"), Rows.number(r, "flow_low"), Rows.number(r, "flow_high")));
    }
    return out;
  }

  private static String handle(String channel) {
    try {
      return Handles.canonical(channel);
    } catch (InvalidRecordException e) {
      throw new BadRequestException(e.getMessage() + " (letters, digits, '_', '.', '-')");
    }
  }

  private static Account account(JsonNode r, String platform, String channel) {
    return new Account(Rows.text(r, platform), Rows.text(r, channel));
  }

  private String platformName(String platform) {
    return registry.platform(platform).map(p -> p.name()).orElse(platform);
  }
}
