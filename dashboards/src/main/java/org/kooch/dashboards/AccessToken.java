package org.kooch.dashboards;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret a dashboard reachable from other machines asks of every request. A program sends it
 * as {@code Authorization: Bearer TOKEN}. A person opens the dashboard once as {@code /?token=TOKEN}:
 * the answer sets an {@code HttpOnly}, {@code SameSite=Strict} cookie and sends the browser on to
 * the same address without the token (so it stays out of the history and the address bar). The
 * cookie holds an HMAC of the token, not the token. Comparisons take the same time whatever the
 * guess; the token is never logged or printed ({@link #toString()} masks it).
 */
public final class AccessToken {
  /** Shorter tokens are refused: they could be guessed. */
  public static final int MIN_LENGTH = 16;
  static final String COOKIE = "kooch_dashboard";
  private static final String PARAM = "token";

  private final byte[] tokenDigest;
  private final String cookieValue;

  private AccessToken(String token) {
    this.tokenDigest = sha256(token);
    this.cookieValue = HexFormat.of().formatHex(hmac(token, "kooch dashboard cookie"));
  }

  /** The token, or an {@link IllegalArgumentException} saying why it cannot be one. */
  public static AccessToken of(String token) {
    if (token == null || token.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the dashboard access token must be at least " + MIN_LENGTH
          + " characters (e.g. the output of: openssl rand -hex 32)");
    }
    if (!token.equals(token.strip()) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("the dashboard access token must be printable ASCII without spaces");
    }
    return new AccessToken(token);
  }

  /** True when {@code candidate} is the token (constant time: digests of equal length are compared). */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(tokenDigest, sha256(candidate));
  }

  /**
   * Lets the request through when it carries the token (bearer header or cookie); answers a
   * {@code ?token=} with the cookie and a redirect; otherwise throws {@link MissingException} (401).
   */
  void require(Context ctx) {
    String offered = ctx.queryParam(PARAM);
    if (offered != null) {
      if (!matches(offered)) {
        throw new MissingException("wrong access token");
      }
      ctx.header("Set-Cookie", COOKIE + "=" + cookieValue + "; Path=/; HttpOnly; SameSite=Strict");
      ctx.header("Cache-Control", "no-store");
      ctx.redirect(withoutToken(ctx), HttpStatus.SEE_OTHER);
      ctx.skipRemainingHandlers();
      return;
    }
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
      return;
    }
    String cookie = ctx.cookie(COOKIE);
    if (cookie != null && MessageDigest.isEqual(cookieValue.getBytes(StandardCharsets.US_ASCII), cookie.getBytes(StandardCharsets.US_ASCII))) {
      return;
    }
    throw new MissingException("this dashboard needs its access token: open it once as /?token=TOKEN,"
        + " or send the header Authorization: Bearer TOKEN");
  }

  /** The request's path and query without the token parameter. */
  private static String withoutToken(Context ctx) {
    StringBuilder q = new StringBuilder();
    String query = ctx.queryString();
    if (query != null) {
      for (String part : query.split("&")) {
        if (!part.isEmpty() && !part.equals(PARAM) && !part.startsWith(PARAM + "=")) {
          q.append(q.length() == 0 ? "?" : "&").append(part);
        }
      }
    }
    String path = ctx.path();
    if (!path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
      path = "/"; // never a redirect to another host
    }
    return path + q;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "AccessToken(****)";
  }

  /** The request lacks the token, or carries a wrong one: 401. */
  static final class MissingException extends RuntimeException {
    MissingException(String message) {
      super(message);
    }
  }
}
