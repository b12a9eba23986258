package org.kooch.ingest.simulate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kooch.schemas.PlatformRegistry;

/**
 * A migration story to simulate: platforms and their reported user counts, channel owners with an
 * account per platform, moves (an owner points its audience from one platform to others, with or
 * without announcing it), bans (a platform loses users) and impostors (someone else's channel under
 * an owner's handle). See {@code scenarios/iran-2018.json}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Scenario(
    String name,
    String start,
    String end,
    long seed,
    List<PlatformSpec> platforms,
    List<Owner> owners,
    List<Move> moves,
    List<Ban> bans,
    Noise noise,
    List<Impostor> impostors) {

  public Scenario {
    impostors = impostors == null ? List.of() : List.copyOf(impostors);
  }

  /** The scenario without impostors. */
  public Scenario(String name, String start, String end, long seed, List<PlatformSpec> platforms, List<Owner> owners,
      List<Move> moves, List<Ban> bans, Noise noise) {
    this(name, start, end, seed, platforms, owners, moves, bans, noise, List.of());
  }

  /** The built-in scenario of April 2018. */
  public static final String IRAN_2018 = "iran-2018";

  public record PlatformSpec(String id, List<Report> reports) {}

  public record Report(String date, long users, String source) {}

  public record Owner(String id, String title, String titleFa, Map<String, Account> accounts) {}

  /**
   * @param opened first day the account exists (null: before the scenario starts)
   * @param subscribers count when it starts
   * @param dailyJoins organic joiners per day independent of size (new accounts grow from zero)
   * @param growth organic joiners per day as a fraction of subscribers
   * @param churn organic leavers per day as a fraction of subscribers
   */
  public record Account(
      String handle, String opened, long subscribers, double dailyJoins, double growth, double churn) {}

  /**
   * @param to target platforms with the share of movers each gets
   * @param follow share of the source's subscribers who eventually act on the announcement
   * @param halfLifeDays how fast they act
   * @param dualHoming share of those who join a target but keep the source (not a flow)
   * @param quit the owner stops posting on the source (an unannounced move's source posts for
   *     {@link #UNANNOUNCED_OVERLAP_DAYS} more days, mirrored on the targets, before it stops)
   * @param announced whether the owner links the new accounts in a post and its profile (absent: true)
   * @param mirror share of the source's posts from the move on that each target reposts within
   *     hours (absent: 0)
   */
  public record Move(
      String date,
      String owner,
      String from,
      Map<String, Double> to,
      double follow,
      double halfLifeDays,
      double dualHoming,
      boolean quit,
      Boolean announced,
      Double mirror) {

    /** Days an unannounced move's quitting source keeps posting (the owner runs both channels for a while). */
    public static final int UNANNOUNCED_OVERLAP_DAYS = 7;

    /** An announced move without mirroring. */
    public Move(String date, String owner, String from, Map<String, Double> to, double follow, double halfLifeDays,
        double dualHoming, boolean quit) {
      this(date, owner, from, to, follow, halfLifeDays, dualHoming, quit, null, null);
    }

    public boolean isAnnounced() {
      return announced == null || announced;
    }

    public double mirrorShare() {
      return mirror == null ? 0 : mirror;
    }

    /** The first day the source no longer posts, or null if it keeps posting. */
    public LocalDate quitsOn() {
      if (!quit) {
        return null;
      }
      LocalDate d = LocalDate.parse(date);
      return isAnnounced() ? d : d.plusDays(UNANNOUNCED_OVERLAP_DAYS);
    }

    /** The same move, announced or not, with another mirror share. */
    public Move with(boolean isAnnounced, double mirrorShare) {
      return new Move(date, owner, from, to, follow, halfLifeDays, dualHoming, quit, isAnnounced, mirrorShare);
    }
  }

  /**
   * A channel that is not the owner's under the owner's handle, on a platform where the owner has
   * no account: its own posts (its own title), its own audience, no flow from the owner.
   */
  public record Impostor(String platform, String handle, String title, String titleFa, long subscribers, double dailyJoins,
      double growth, double churn) {

    /** As an owner of one account, so the model and the observations treat it like any channel. */
    public Owner asOwner() {
      return new Owner("impostor:" + platform + "/" + handle, title, titleFa,
          Map.of(platform, new Account(handle, null, subscribers, dailyJoins, growth, churn)));
    }
  }


  /**
   * @param churn extra daily loss of every channel on the platform, decaying with halfLifeDays
   * @param toLinked share of those leavers who join the owner's accounts on other platforms
   */
  public record Ban(String date, String platform, double churn, double halfLifeDays, double toLinked) {}

  /**
   * How observations deviate from the truth.
   *
   * @param rounded share of observations with a rounded counter ("1.6M") rather than exact
   * @param relativeNoise standard deviation of counter jitter, relative
   */
  public record Noise(
      double observationsPerDay,
      double missingDay,
      double duplicate,
      double late,
      double rounded,
      double relativeNoise,
      double postsPerDay) {}

  public LocalDate startDate() {
    return LocalDate.parse(start);
  }

  public LocalDate endDate() {
    return LocalDate.parse(end);
  }

  /** Loads a scenario file, or the built-in one by name, and checks it against the registry. */
  public static Scenario load(String fileOrName) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
    Path path = Path.of(fileOrName);
    Scenario s;
    if (Files.isRegularFile(path)) {
      s = mapper.readValue(path.toFile(), Scenario.class);
    } else {
      try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + fileOrName + ".json")) {
        if (in == null) {
          throw new IOException("no scenario file or built-in scenario named '" + fileOrName + "'");
        }
        s = mapper.readValue(in, Scenario.class);
      }
    }
    s.validate();
    return s;
  }

  void validate() {
    PlatformRegistry registry = PlatformRegistry.defaults();
    if (!startDate().isBefore(endDate())) {
      throw new IllegalArgumentException("scenario start must be before end");
    }
    platforms.forEach(p -> registry.requireKnown(p.id()));
    for (Owner o : owners) {
      o.accounts().keySet().forEach(registry::requireKnown);
    }
    for (Impostor i : impostors) {
      registry.requireKnown(i.platform());
      for (Owner o : owners) {
        if (o.accounts().containsKey(i.platform()) && o.accounts().get(i.platform()).handle().equals(i.handle())) {
          throw new IllegalArgumentException("impostor " + i.platform() + "/" + i.handle() + " is " + o.id() + "'s own account");
        }
      }
    }
    for (Move m : moves) {
      Owner o = owner(m.owner());
      if (!o.accounts().containsKey(m.from())) {
        throw new IllegalArgumentException("move of " + m.owner() + ": no account on " + m.from());
      }
      for (String target : m.to().keySet()) {
        if (!o.accounts().containsKey(target)) {
          throw new IllegalArgumentException("move of " + m.owner() + ": no account on " + target);
        }
      }
    }
  }

  public Owner owner(String id) {
    return owners.stream()
        .filter(o -> o.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown owner '" + id + "'"));
  }
}
