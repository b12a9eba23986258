package org.kooch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kooch.ingest.importer.ImportSummary;
import org.kooch.ingest.importer.JsonLinesImporter;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.JsonLinesCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kooch import FILE...}: JSON Lines files into Kafka, bad lines to the dead-letter topic. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import record files into Kafka (Avro). JSON Lines: one record per line, 'type' selecting post,",
      "subscribers, profile or platform (see the README). Lines that break the contract go to",
      "kooch.deadletter.v1 with file:line and the reason; the import goes on and reports how many."
    })
final class ImportCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON Lines files (.jsonl, .ndjson, .json).")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f);
      }
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      if (!(name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json"))) {
        throw new IllegalArgumentException(f + ": only JSON Lines files (.jsonl, .ndjson, .json) can be imported so far");
      }
    }
    long dead = 0;
    try (KafkaHandle kafka = KafkaHandle.open(connection);
        RecordPublisher publisher = new RecordPublisher(kafka.settings())) {
      JsonLinesImporter importer = new JsonLinesImporter(new JsonLinesCodec(), publisher, System.err, System.console() != null);
      for (Path f : files) {
        ImportSummary s = importer.importFile(f);
        System.out.println(s);
        dead += s.deadLetters();
      }
    }
    if (dead > 0) {
      System.out.println(dead + " lines went to the dead-letter topic kooch.deadletter.v1 (see their reasons there)");
    }
    return 0;
  }
}
