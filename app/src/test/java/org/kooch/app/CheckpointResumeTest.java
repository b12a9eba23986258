package org.kooch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which retained checkpoint a streaming {@code kooch run} resumes from, on Flink's directory layout. */
class CheckpointResumeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void nothingToResumeWithoutCheckpoints(@TempDir Path dir) throws Exception {
    assertThat(CheckpointResume.latest(dir.resolve("missing"))).isEmpty();
    assertThat(CheckpointResume.latest(dir)).isEmpty();
    Files.createDirectories(dir.resolve("job-a/shared"));
    Files.createDirectories(dir.resolve("job-a/taskowned"));
    assertThat(CheckpointResume.latest(dir)).isEmpty();
  }

  @Test
  void picksTheNewestCompletedCheckpointAcrossRuns(@TempDir Path dir) throws Exception {
    checkpoint(dir, "run-1", 7, T0);
    checkpoint(dir, "run-2", 2, T0.plusSeconds(60)); // a later run started from scratch: lower number, newer
    checkpoint(dir, "run-2", 1, T0.plusSeconds(50));
    Files.createDirectories(dir.resolve("run-2/shared"));
    assertThat(CheckpointResume.latest(dir)).contains(dir.resolve("run-2/chk-2"));
  }

  @Test
  void skipsCheckpointsCutOffBeforeTheirMetadata(@TempDir Path dir) throws Exception {
    checkpoint(dir, "run-1", 4, T0);
    Files.createDirectories(dir.resolve("run-1/chk-5")); // killed while writing: state files, no _metadata
    Files.writeString(dir.resolve("run-1/chk-5/op-state"), "x");
    Path empty = Files.createDirectories(dir.resolve("run-1/chk-6"));
    Files.createFile(empty.resolve(CheckpointResume.METADATA)); // killed as it opened _metadata
    Files.setLastModifiedTime(empty.resolve(CheckpointResume.METADATA), FileTime.from(T0.plusSeconds(90)));
    checkpoint(dir, "run-1", 3, T0.minusSeconds(10));
    Files.writeString(dir.resolve("run-1/not-a-checkpoint"), "x");
    Files.createDirectories(dir.resolve("run-1/savepoint-1/" + CheckpointResume.METADATA));
    assertThat(CheckpointResume.latest(dir)).contains(dir.resolve("run-1/chk-4"));
  }

  @Test
  void breaksTimestampTiesByCheckpointNumber(@TempDir Path dir) throws Exception {
    checkpoint(dir, "run-1", 9, T0);
    checkpoint(dir, "run-1", 10, T0);
    assertThat(CheckpointResume.latest(dir)).contains(dir.resolve("run-1/chk-10"));
  }

  private static void checkpoint(Path root, String job, int n, Instant written) throws Exception {
    Path chk = Files.createDirectories(root.resolve(job).resolve("chk-" + n));
    Path metadata = Files.write(chk.resolve(CheckpointResume.METADATA), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(metadata, FileTime.from(written));
  }
}
