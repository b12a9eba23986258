package org.kooch.queries;

/** A request the dashboard refuses with HTTP 400 and this message. */
public class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }
}
