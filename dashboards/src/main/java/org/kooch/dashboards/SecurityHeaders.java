package org.kooch.dashboards;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Headers sent with every response. The Content-Security-Policy allows exactly what the pages
 * load: everything from the dashboard itself (scripts, the stylesheet, ECharts from the jar under
 * {@code /webjars}, the API's data), nothing from elsewhere. No inline script runs (no
 * {@code <script>} blocks, no {@code on...} attributes); inline styles are allowed because
 * ECharts writes its tooltips as HTML with {@code style} attributes. The pages cannot be
 * framed (clickjacking), responses are not sniffed into another type, and no Referer leaves.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer",
      "Cross-Origin-Opener-Policy", "same-origin",
      "Cross-Origin-Resource-Policy", "same-origin");

  private SecurityHeaders() {}

  static void add(Context ctx) {
    HEADERS.forEach(ctx::header);
  }
}
