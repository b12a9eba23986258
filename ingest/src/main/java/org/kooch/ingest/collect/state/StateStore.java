package org.kooch.ingest.collect.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Per-channel collector state as small JSON files, {@code <state-dir>/collectors/<source>/<channel>.json},
 * easy to read and to edit by hand. Writes go to a temporary file that is then moved over the old
 * one, so a crash leaves the previous state or the new one, never half a file. An unreadable file
 * is an error, not a fresh start: starting over would publish everything again.
 */
public final class StateStore {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  public StateStore(Path stateDir, String source) {
    this.dir = stateDir.resolve("collectors").resolve(source);
  }

  public Path file(String channel) {
    return dir.resolve(channel + ".json");
  }

  public ChannelState load(String channel) {
    Path f = file(channel);
    if (!Files.exists(f)) {
      return ChannelState.EMPTY;
    }
    try {
      JsonNode n = MAPPER.readTree(Files.readString(f, StandardCharsets.UTF_8));
      if (n == null || !n.isObject()) {
        throw new IOException("not a JSON object");
      }
      return new ChannelState(
          n.hasNonNull("highestPostId") ? n.get("highestPostId").asLong() : null,
          instant(n, "lastObservedAt"),
          n.hasNonNull("profileHash") ? n.get("profileHash").asText() : null,
          instant(n, "lastSuccessAt"));
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalStateException("collector state " + f + " is unreadable (" + e.getMessage() + "); fix or delete it", e);
    }
  }

  public void save(String channel, ChannelState state) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("channel", channel);
    n.put("highestPostId", state.highestPostId());
    n.put("lastObservedAt", state.lastObservedAt() == null ? null : state.lastObservedAt().toString());
    n.put("profileHash", state.profileHash());
    n.put("lastSuccessAt", state.lastSuccessAt() == null ? null : state.lastSuccessAt().toString());
    Path f = file(channel);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, channel + ".", ".tmp");
      Files.writeString(tmp, MAPPER.writeValueAsString(n) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write collector state " + f, e);
    }
  }

  private static Instant instant(JsonNode n, String field) {
    return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
  }
}
