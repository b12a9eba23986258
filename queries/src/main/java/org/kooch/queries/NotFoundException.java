package org.kooch.queries;

/** Something asked for by name that the database does not have: HTTP 404 with this message. */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
