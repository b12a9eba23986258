package org.kooch.schemas;

import java.util.Locale;
import java.util.regex.Pattern;

/** Channel handles are compared case-insensitively: the canonical form is lower case without '@'. */
public final class Handles {
  private static final Pattern VALID = Pattern.compile("[a-z0-9_.\\-]{1,128}");

  private Handles() {}

  /** True for a handle in canonical form: 1 to 128 of a-z, 0-9, '_', '.', '-'. */
  public static boolean isCanonical(String handle) {
    if (handle == null || handle.isEmpty() || handle.length() > 128) {
      return false;
    }
    for (int i = 0; i < handle.length(); i++) {
      char c = handle.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Canonical handle, or an {@link InvalidRecordException} saying what is wrong with it. */
  public static String canonical(String handle) {
    if (handle == null || handle.isBlank()) {
      throw new InvalidRecordException("channel handle is missing");
    }
    String h = handle.strip();
    if (h.startsWith("@")) {
      h = h.substring(1);
    }
    h = h.toLowerCase(Locale.ROOT);
    if (!VALID.matcher(h).matches()) {
      throw new InvalidRecordException("invalid channel handle '" + handle + "'");
    }
    return h;
  }
}
