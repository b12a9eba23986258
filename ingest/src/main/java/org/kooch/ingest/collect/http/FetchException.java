package org.kooch.ingest.collect.http;

import org.kooch.ingest.collect.CollectException;

/**
 * Fetching a URL failed for good: retries used up, a wait longer than allowed, or a refusal.
 * The message names the URL with any token masked.
 */
public class FetchException extends CollectException {
  private final int status;

  public FetchException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The last HTTP status seen, or 0 when no answer came (network error, timeout). */
  public int status() {
    return status;
  }
}
