package org.kooch.ingest.collect;

/** The channel exists (or may exist) but shows no public web preview to collect from. */
public class NoPublicPreviewException extends CollectException {
  public NoPublicPreviewException(String message) {
    super(message);
  }
}
