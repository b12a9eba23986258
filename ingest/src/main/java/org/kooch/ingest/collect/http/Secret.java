package org.kooch.ingest.collect.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An API token read from the environment. {@link #toString()} never shows it, and as a
 * {@link Redactor} it masks it (raw and URL-encoded) in any text, so a URL that carries it can be
 * logged or put in an error message safely.
 */
public final class Secret implements Redactor {
  static final String MASK = "***";

  private final String variable;
  private final String value;

  private Secret(String variable, String value) {
    this.variable = variable;
    this.value = value;
  }

  /** The token in environment variable {@code variable}, or an error saying how to provide it. */
  public static Secret fromEnvironment(String variable, String whatItIs) {
    String v = System.getenv(variable);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("set " + variable + " to " + whatItIs + " (tokens are read only from the environment)");
    }
    return new Secret(variable, v.strip());
  }

  /** For tests and embedding: a token that did not come from the environment. */
  public static Secret of(String variable, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(variable + " is empty");
    }
    return new Secret(variable, value);
  }

  /** The token itself: only for building the request, never for messages. */
  public String value() {
    return value;
  }

  public String urlEncoded() {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    return text.replace(value, MASK).replace(urlEncoded(), MASK);
  }

  @Override
  public String toString() {
    return variable + "=" + MASK;
  }
}
