package org.kooch.ingest.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only: a point in {@link CollectorRunner} where a fault test can kill the collector. When the
 * environment variable {@code KOOCH_TEST_PAUSE_<POINT>} names a file, the collector creates that
 * file the first time it reaches the point and then sleeps until it is killed. Without the
 * variable (in production) a point does nothing.
 */
enum KillPoint {
  /** A channel's records and state were acknowledged by Kafka, in a transaction not yet committed. */
  AFTER_FLUSH,
  /** The transaction was committed; the readable copy of the state is not written yet. */
  AFTER_COMMIT;

  private final Path marker;

  KillPoint() {
    String file = System.getenv("KOOCH_TEST_PAUSE_" + name());
    this.marker = file == null || file.isBlank() ? null : Path.of(file);
  }

  void reached() {
    if (marker == null) {
      return;
    }
    if (Files.exists(marker)) {
      return; // paused here before, in an earlier channel of this process
    }
    // Said before the marker exists: the test kills the process as soon as it sees the marker.
    System.out.println("paused at " + name() + " until killed (" + marker + ")");
    System.out.flush();
    try {
      Files.createFile(marker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
