package org.kooch.app;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as UTF-8 whatever the locale says (under a C locale Java would print Persian as
 * '?'). Made on each use, so it writes to whatever {@code System.out} is at that moment.
 */
final class Utf8Out {
  private Utf8Out() {}

  static PrintWriter stdout() {
    return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
  }
}
