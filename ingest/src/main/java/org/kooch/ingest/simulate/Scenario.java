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
 * account per platform, moves (an owner points its audience from one platform to others) and
 * bans (a platform loses users). See {@code scenarios/iran-2018.json}.
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
    Noise noise) {

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
   * @param quit the owner stops posting on the source
   */
  public record Move(
      String date,
      String owner,
      String from,
      Map<String, Double> to,
      double follow,
      double halfLifeDays,
      double dualHoming,
      boolean quit) {}

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
