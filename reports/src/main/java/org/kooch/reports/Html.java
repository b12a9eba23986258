package org.kooch.reports;

import java.util.Locale;

/** Escaping and number formatting for the HTML and SVG the reports write. */
final class Html {
  private Html() {}

  /** Text safe inside an element or a double-quoted attribute; Persian and emoji pass unchanged. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** 1234567 as "1,234,567"; null as a dash. */
  static String number(Long v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%,d", v);
  }

  /** A signed change: "+1,234", "-56", "0". */
  static String signed(long v) {
    return (v > 0 ? "+" : "") + String.format(Locale.ROOT, "%,d", v);
  }

  /** Short axis labels: 950, 12K, 1.5M. */
  static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return trim(v / 1e6) + "M";
    }
    if (a >= 1e3) {
      return trim(v / 1e3) + "K";
    }
    return trim(v);
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
