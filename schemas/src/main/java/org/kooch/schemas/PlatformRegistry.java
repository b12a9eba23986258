package org.kooch.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The platforms Kooch knows, loaded from {@code platforms.json}: ids for records, and URL patterns
 * that turn links (with or without scheme) into channel references for link detection.
 */
public final class PlatformRegistry {
  private static final PlatformRegistry DEFAULT = load();

  private final Map<String, Platform> byId;
  private final Map<String, Platform> byHost;
  private final Pattern linkPattern;

  private PlatformRegistry(List<Platform> platforms) {
    this.byId = new LinkedHashMap<>();
    this.byHost = new LinkedHashMap<>();
    for (Platform p : platforms) {
      byId.put(p.id(), p);
      p.hosts().forEach(h -> byHost.put(h, p));
    }
    String hosts =
        byHost.keySet().stream()
            .sorted((a, b) -> b.length() - a.length())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    // A host of a known platform, not preceded by a letter/dot (so "at.me" is no match), and a path.
    this.linkPattern =
        Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}.\\-])(?:https?://)?(?:www\\.)?(?:"
                + hosts
                + ")/[^\\s<>\"'()\\[\\]{}،]+");
  }

  public static PlatformRegistry defaults() {
    return DEFAULT;
  }

  public Optional<Platform> platform(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public boolean isKnown(String id) {
    return byId.containsKey(id);
  }

  /** The platform id if known, else an {@link InvalidRecordException} naming the known ids. */
  public String requireKnown(String id) {
    if (id == null || id.isBlank()) {
      throw new InvalidRecordException("platform is missing");
    }
    if (!byId.containsKey(id)) {
      throw new InvalidRecordException(
          "unknown platform '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
    }
    return id;
  }

  /** Resolves one URL ("https://t.me/khamenei_ir/123", "sapp.ir/khamenei_ir") to a channel. */
  public Optional<ChannelLink> resolve(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String u = url.strip();
    String rest = u.replaceFirst("(?i)^https?://", "");
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String host = rest.substring(0, slash).toLowerCase(Locale.ROOT).replaceFirst("^(www\\.|m\\.)", "");
    Platform platform = byHost.get(host);
    if (platform == null) {
      return Optional.empty();
    }
    String path = rest.substring(slash + 1).replaceFirst("[?#].*$", "");
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        segments.add(s);
      }
    }
    int i = 0;
    if (!segments.isEmpty() && platform.skip().contains(segments.get(0).toLowerCase(Locale.ROOT))) {
      i++;
    }
    if (i >= segments.size()) {
      return Optional.empty();
    }
    String handle = segments.get(i).toLowerCase(Locale.ROOT);
    if (handle.startsWith("@")) {
      handle = handle.substring(1);
    }
    handle = handle.replaceAll("[.,;:!?]+$", "");
    if (platform.reserved().contains(handle) || !platform.handle().matcher(handle).matches()) {
      return Optional.empty();
    }
    Long postId = null;
    if (i + 1 < segments.size() && segments.get(i + 1).matches("\\d{1,18}")) {
      postId = Long.parseLong(segments.get(i + 1));
    }
    return Optional.of(new ChannelLink(platform.id(), handle, postId, u));
  }

  /** Every channel link in free text, in order of appearance. */
  public List<ChannelLink> linksIn(String text) {
    List<ChannelLink> links = new ArrayList<>();
    // Every link has a '/' after its host: most posts have none, and skip the pattern's scan.
    if (text == null || text.indexOf('/') < 0) {
      return links;
    }
    Matcher m = linkPattern.matcher(text);
    while (m.find()) {
      resolve(m.group()).ifPresent(links::add);
    }
    return links;
  }

  private static PlatformRegistry load() {
    try (InputStream in = PlatformRegistry.class.getResourceAsStream("platforms.json")) {
      if (in == null) {
        throw new IllegalStateException("platforms.json missing from the classpath");
      }
      List<Platform> platforms = new ArrayList<>();
      for (JsonNode n : new ObjectMapper().readTree(in)) {
        platforms.add(
            new Platform(
                n.get("id").asText(),
                n.get("name").asText(),
                strings(n.get("hosts")),
                new HashSet<>(strings(n.get("skip"))),
                new HashSet<>(strings(n.get("reserved"))),
                Pattern.compile(n.get("handle").asText())));
      }
      return new PlatformRegistry(platforms);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read platforms.json", e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** Ids of all known platforms. */
  public Set<String> ids() {
    return byId.keySet();
  }
}
