package org.kooch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the checkpoint a streaming {@code kooch run} resumes from: the newest completed one that an
 * earlier run retained (Flink keeps it when the job is cancelled or the process dies). Flink lays
 * them out as {@code <checkpoints>/<job id>/chk-<n>/}; a checkpoint is complete once its
 * {@code _metadata} file exists. A {@code chk-<n>} directory without it was cut off mid-write (the
 * process was killed) and is skipped.
 */
final class CheckpointResume {
  private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
  static final String METADATA = "_metadata";

  private CheckpointResume() {}

  /** The newest completed checkpoint directory under {@code checkpointsDir}, if any. */
  static Optional<Path> latest(Path checkpointsDir) {
    if (!Files.isDirectory(checkpointsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> jobs = Files.list(checkpointsDir)) {
      return jobs.filter(Files::isDirectory)
          .flatMap(CheckpointResume::completedCheckpoints)
          .max(Comparator.comparing(Candidate::written).thenComparingLong(Candidate::number))
          .map(Candidate::dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + checkpointsDir, e);
    }
  }

  private static Stream<Candidate> completedCheckpoints(Path jobDir) {
    try (Stream<Path> dirs = Files.list(jobDir)) {
      return dirs.map(CheckpointResume::candidate).flatMap(Optional::stream).toList().stream();
    } catch (IOException e) {
      return Stream.empty(); // a job directory deleted while we looked: nothing to resume there
    }
  }

  private static Optional<Candidate> candidate(Path dir) {
    Matcher m = CHECKPOINT.matcher(dir.getFileName().toString());
    Path metadata = dir.resolve(METADATA);
    if (!m.matches() || !Files.isRegularFile(metadata)) {
      return Optional.empty();
    }
    try {
      if (Files.size(metadata) == 0) {
        return Optional.empty();
      }
      return Optional.of(new Candidate(dir, Long.parseLong(m.group(1)), Files.getLastModifiedTime(metadata)));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A job started from scratch numbers its checkpoints from 1 again: the newest is the one written last. */
  private record Candidate(Path dir, long number, FileTime written) {}
}
