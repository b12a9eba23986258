package org.kooch.ingest.collect.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @Test
  void keepsOneSmallJsonFilePerChannelAndReadsItBack(@TempDir Path dir) throws Exception {
    StateStore store = new StateStore(dir, "telegram-web");
    assertThat(store.load("khamenei_ir")).isEqualTo(ChannelState.EMPTY);

    ChannelState s = new ChannelState(30774L, null, "ab12", Instant.parse("2018-04-18T08:00:00Z"));
    store.save("khamenei_ir", s);
    store.save("khamenei_ir", s.withHighestPostId(30778L));

    Path file = dir.resolve("collectors/telegram-web/khamenei_ir.json");
    assertThat(store.file("khamenei_ir")).isEqualTo(file);
    assertThat(Files.readString(file)).contains("\"highestPostId\" : 30778").contains("\"channel\" : \"khamenei_ir\"");
    assertThat(store.load("khamenei_ir")).isEqualTo(s.withHighestPostId(30778L));
    // Written through a temporary file that was moved into place: nothing else is left behind.
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("khamenei_ir.json");
    }
  }

  @Test
  void anUnreadableFileIsAnErrorNotAFreshStart(@TempDir Path dir) throws Exception {
    StateStore store = new StateStore(dir, "tgstat");
    Files.createDirectories(store.file("x").getParent());
    Files.writeString(store.file("khamenei_ir"), "{\"highestPostId\": 12, \"lastObservedAt\": \"yesterday\"}");
    assertThatThrownBy(() -> store.load("khamenei_ir"))
        .hasMessageContaining("collector state " + store.file("khamenei_ir") + " is unreadable")
        .hasMessageEndingWith("fix or delete it");
    Files.writeString(store.file("tasnimnews"), "[]");
    assertThatThrownBy(() -> store.load("tasnimnews")).hasMessageContaining("not a JSON object");
  }
}
