package org.kooch.ingest.collect.http;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The redirects one fetch may follow, checked before anything is sent: 301, 302, 303, 307 and 308
 * with a Location (relative ones resolved against the URL that answered), only to the host first
 * asked (on any port, as an upgrade to https changes it), never from https down to http, at most
 * {@link #MAX_HOPS} in a row and never back to a URL already visited. A source's pages live on its
 * own host; a redirect elsewhere would have a collector fetch, with its token and its politeness
 * budget, from a server nobody chose. Each refusal is a {@link FetchException} naming the URLs
 * involved, redacted. One instance per attempt: it remembers the URLs visited.
 */
final class Redirects {
  static final int MAX_HOPS = 5;

  private final URI original;
  private final Redactor redactor;
  private final Set<URI> visited = new HashSet<>();

  Redirects(URI original, Redactor redactor) {
    this.original = original;
    this.redactor = redactor;
    visited.add(withoutFragment(original));
  }

  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Where to go after {@code from} answered {@code status} with {@code location}: empty when there
   * is nothing to follow (not a redirect, or no Location: the caller gets that answer as it is).
   *
   * @throws FetchException when the redirect may not be followed
   */
  Optional<URI> next(URI from, int status, Optional<String> location) {
    if (!isRedirect(status) || location.isEmpty() || location.get().isBlank()) {
      return Optional.empty();
    }
    URI target = resolve(from, status, location.get().strip());
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused(from + " redirects to " + target + ", which is not an http or https URL", status);
    }
    if (target.getHost() == null || !target.getHost().equalsIgnoreCase(original.getHost())) {
      throw refused(from + " redirects to " + target + ", another host than " + original.getHost(), status);
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
      throw refused(from + " redirects to " + target + ", from https down to http", status);
    }
    if (!visited.add(target)) {
      throw refused(from + " redirects back to " + target + ", a redirect loop", status);
    }
    if (visited.size() > MAX_HOPS + 1) {
      throw refused(original + " redirects more than " + MAX_HOPS + " times (the last to " + target + ")", status);
    }
    return Optional.of(target);
  }

  private URI resolve(URI from, int status, String location) {
    try {
      // URI.resolve joins a relative reference wrongly onto a base with an empty path ("http://hx").
      URI base = from.getRawPath() == null || from.getRawPath().isEmpty() ? from.resolve("/") : from;
      return withoutFragment(base.resolve(location));
    } catch (IllegalArgumentException e) {
      throw refused(from + " answered HTTP " + status + " with a Location that is not a URL: " + location, status);
    }
  }

  /** A fragment is never sent; without it, a loop through "#a" and "#b" is still seen as one. */
  private static URI withoutFragment(URI u) {
    String s = u.toString();
    int hash = s.indexOf('#');
    return hash < 0 ? u : URI.create(s.substring(0, hash));
  }

  private FetchException refused(String what, int status) {
    return new FetchException(redactor.redact(what) + "; not followed", status);
  }
}
