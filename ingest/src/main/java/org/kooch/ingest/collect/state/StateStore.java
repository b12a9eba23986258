package org.kooch.ingest.collect.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A collector's directory, {@code <state-dir>/collectors/<source>/}: its name ({@link
 * #collectorId()}) and a readable copy of each channel's state, {@code <channel>.json}, easy to read
 * and to edit by hand. The state that counts is in Kafka ({@link CollectorStates}); a file is read
 * only for a channel the state topic does not know (a state directory kept by a Kooch without that
 * topic). Writes go to a temporary file that is then moved over the old one, so a crash leaves the
 * previous state or the new one, never half a file. An unreadable file is an error, not a fresh
 * start: starting over would publish everything again.
 */
public final class StateStore {
  private final Path dir;
  private final String source;

  public StateStore(Path stateDir, String source) {
    this.dir = stateDir.resolve("collectors").resolve(source);
    this.source = source;
  }

  public Path file(String channel) {
    return dir.resolve(channel + ".json");
  }

  /**
   * This collector's name, {@code <source>.<random id>}, made on its first run and kept in the
   * directory's {@code collector-id} file: its state in Kafka is filed under that name, and its
   * Kafka transactions use it, so a restarted collector fences off its killed predecessor. Two
   * state directories are two collectors, independent of each other; a lost directory is a new
   * collector, under a new name that has no state in Kafka, and starts over.
   */
  public String collectorId() {
    Path f = dir.resolve("collector-id");
    try {
      if (!Files.exists(f)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "collector-id.", ".tmp");
        Files.writeString(tmp, source + "." + UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
          Files.delete(tmp); // another process named it first: keep its name
        }
      }
      String id = Files.readString(f, StandardCharsets.UTF_8).strip();
      if (!id.startsWith(source + ".") || id.length() <= source.length() + 1) {
        throw new IllegalStateException("collector id in " + f + " is '" + id + "', not " + source + ".<id>; fix or delete it");
      }
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the collector id " + f, e);
    }
  }

  public ChannelState load(String channel) {
    Path f = file(channel);
    if (!Files.exists(f)) {
      return ChannelState.EMPTY;
    }
    try {
      return ChannelStateJson.decode(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("collector state " + f + " is unreadable (" + e.getMessage() + "); fix or delete it", e);
    }
  }

  public void save(String channel, ChannelState state) {
    Path f = file(channel);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, channel + ".", ".tmp");
      Files.writeString(tmp, ChannelStateJson.encode(channel, state), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write collector state " + f, e);
    }
  }
}
