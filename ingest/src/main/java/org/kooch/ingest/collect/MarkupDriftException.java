package org.kooch.ingest.collect;

/**
 * A page parsed to nothing (or to less than it must contain) although it should not have: the
 * site most likely changed its markup. Raised instead of reporting an empty success, so a silent
 * parser breakage shows up on the first run after it.
 */
public class MarkupDriftException extends CollectException {
  public MarkupDriftException(String url, String what) {
    super("markup changed? " + what + " at " + url);
  }
}
