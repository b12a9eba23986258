package org.kooch.queries;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.kooch.clickhouse.Sql;
import org.kooch.schemas.PlatformRegistry;

/**
 * What every analyst view is narrowed by: an inclusive range of UTC days and, optionally, a set of
 * platforms (empty: all). Built only from validated input, so its SQL fragments are safe.
 */
public record Filters(DateRange range, Set<String> platforms) {
  public Filters {
    platforms = Set.copyOf(platforms);
  }

  /** Validates the platforms (each value may be a comma-separated list); an unknown id lists the known ones. */
  public static Filters of(DateRange range, Collection<String> platformValues, PlatformRegistry registry) {
    Set<String> ids = new LinkedHashSet<>();
    for (String value : platformValues) {
      for (String id : value.split(",")) {
        String p = id.strip().toLowerCase(java.util.Locale.ROOT);
        if (!p.isEmpty()) {
          ids.add(requireKnown(p, registry));
        }
      }
    }
    return new Filters(range, ids);
  }

  /** Every day and every platform. */
  public static Filters all() {
    return new Filters(DateRange.all(), Set.of());
  }

  /** The platform id if the registry knows it, else a {@link BadRequestException} listing the known ids. */
  public static String requireKnown(String platform, PlatformRegistry registry) {
    if (!registry.isKnown(platform)) {
      throw new BadRequestException(
          "unknown platform '" + platform + "' (known: " + String.join(", ", registry.ids()) + ")");
    }
    return platform;
  }

  /** {@code AND column IN (...)}, or nothing when every platform is wanted. */
  public String platformIn(String column) {
    return platforms.isEmpty() ? "" : " AND " + column + " IN (" + list() + ")";
  }

  /** {@code AND (a IN (...) OR b IN (...))}: a flow touches a wanted platform at either end. */
  public String eitherPlatformIn(String a, String b) {
    return platforms.isEmpty() ? "" : " AND (" + a + " IN (" + list() + ") OR " + b + " IN (" + list() + "))";
  }

  private String list() {
    return platforms.stream().sorted().map(Sql::literal).collect(Collectors.joining(", "));
  }
}
