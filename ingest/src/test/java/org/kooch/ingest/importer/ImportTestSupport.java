package org.kooch.ingest.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.kooch.ingest.broker.TopicMark;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RecordType;

/** Recorded test files and decoding of what the importers published, shared by the importer tests. */
final class ImportTestSupport {
  private ImportTestSupport() {}

  /** A recorded file from src/test/resources, copied into {@code dir} so its path is this test's own. */
  static Path recorded(String resource, Path dir) {
    try (InputStream in = ImportTestSupport.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Path file = dir.resolve(Path.of(resource).getFileName());
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> List<T> added(TopicMark mark, int expected) {
    RecordType type = RecordType.ofTopic(mark.topic()).orElseThrow();
    return mark.added(expected).stream().map(r -> (T) type.decode(r.value())).toList();
  }

  static List<DeadLetter> deadLetters(TopicMark mark, int expected) {
    return mark.added(expected).stream().map(ImportTestSupport::deadLetter).toList();
  }

  static String key(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8);
  }

  static String raw(DeadLetter d) {
    return StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString();
  }

  static byte[] rawBytes(DeadLetter d) {
    java.nio.ByteBuffer b = d.getRaw().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** Where importers draw progress in tests: a buffer, not the terminal. */
  static PrintStream progress() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> r) {
    return DeadLetters.decode(r.value());
  }
}
