package org.kooch.reports;

import java.util.Map;

/** The dashboard's colour for each platform, so a report's charts match the pages. */
final class PlatformColors {
  private static final Map<String, String> COLORS = Map.of(
      "telegram", "#2a9fd6", "soroush", "#1b7f5f", "gap", "#e0a100", "eitaa", "#d9534f", "bale", "#6f42c1",
      "rubika", "#c2185b", "igap", "#5d4037", "instagram", "#e1306c", "twitter", "#444444");

  private PlatformColors() {}

  static String of(String platform) {
    return COLORS.getOrDefault(platform, "#888888");
  }
}
