package org.kooch.ingest.collect;

/**
 * A channel could not be collected this time (network, refusal, a page that is not what it should
 * be). The message is shown to the operator as it is: it names the URL and never contains a
 * secret. Other channels of the same run go on.
 */
public class CollectException extends RuntimeException {
  public CollectException(String message) {
    super(message);
  }
}
