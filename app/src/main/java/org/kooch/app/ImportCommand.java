package org.kooch.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.kooch.ingest.importer.CsvImporter;
import org.kooch.ingest.importer.FileImporter;
import org.kooch.ingest.importer.ImportFormat;
import org.kooch.ingest.importer.ImportSummary;
import org.kooch.ingest.importer.JsonLinesImporter;
import org.kooch.ingest.importer.TelegramExportImporter;
import org.kooch.ingest.importer.TelegramExportRecords;
import org.kooch.ingest.kafka.RecordPublisher;
import org.kooch.schemas.Handles;
import org.kooch.schemas.InvalidRecordException;
import org.kooch.schemas.JsonLinesCodec;
import org.kooch.schemas.PlatformRegistry;
import org.kooch.schemas.RecordType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kooch import FILE...}: JSON Lines, CSV and Telegram Desktop export files into Kafka, bad
 * input to the dead-letter topic. Every file's format is recognised, and every option checked,
 * before anything is published.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import record files into Kafka (Avro), each file by its format:",
      "  JSON Lines: one record per line, 'type' selecting post, subscribers,",
      "    profile or platform (see docs/contracts.md);",
      "  CSV (.csv): a header naming the same fields (or --type for all rows);",
      "  Telegram Desktop export (result.json of one channel, recognised by its",
      "    content): messages as posts, the title as the channel profile;",
      "    needs --channel.",
      "Input that breaks the contract goes to kooch.deadletter.v1 with file:line",
      "(file:message-ID for exports) and the reason; the import goes on and",
      "reports how many."
    })
final class ImportCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "CSV: the type of rows without a 'type' cell (post, subscribers, profile or platform).")
  String type;

  @Option(
      names = "--platform",
      paramLabel = "ID",
      defaultValue = "telegram",
      description = "Telegram Desktop export: the channel's platform (default ${DEFAULT-VALUE}).")
  String platform;

  @Option(
      names = "--channel",
      paramLabel = "HANDLE",
      description = "Telegram Desktop export: the channel's handle, e.g. khamenei_ir (the export names it only by its title). Required for exports.")
  String channel;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      description = "Telegram Desktop export: the zone of the local 'date' of messages without 'date_unixtime' (older exports), e.g. Asia/Tehran. Without it such messages are dead-lettered.")
  String timezone;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "JSON Lines (.jsonl, .ndjson, .json), CSV (.csv) or Telegram Desktop export (result.json) files.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    List<Map.Entry<Path, ImportFormat>> formats = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read " + f);
      }
      formats.add(Map.entry(f, ImportFormat.detect(f)));
    }
    RecordType defaultType = defaultType();
    Optional<Path> export =
        formats.stream().filter(e -> e.getValue() == ImportFormat.TELEGRAM_EXPORT).map(Map.Entry::getKey).findFirst();
    TelegramExportRecords exportRecords = export.isPresent() ? exportRecords(export.get()) : null;
    long dead = 0;
    Set<String> units = new TreeSet<>();
    try (KafkaHandle kafka = KafkaHandle.open(connection);
        RecordPublisher publisher = new RecordPublisher(kafka.settings())) {
      JsonLinesCodec codec = new JsonLinesCodec();
      boolean interactive = System.console() != null;
      for (Map.Entry<Path, ImportFormat> e : formats) {
        FileImporter importer =
            switch (e.getValue()) {
              case JSON_LINES -> new JsonLinesImporter(codec, publisher, System.err, interactive);
              case CSV -> new CsvImporter(codec, publisher, defaultType, System.err, interactive);
              case TELEGRAM_EXPORT -> new TelegramExportImporter(codec, publisher, exportRecords, System.err, interactive);
            };
        ImportSummary s = importer.importFile(e.getKey());
        System.out.println(s);
        dead += s.deadLetters();
        units.add(s.unit());
      }
    }
    if (dead > 0) {
      String unit = units.size() == 1 ? units.iterator().next() : "inputs";
      System.out.println(dead + " " + unit + " went to the dead-letter topic kooch.deadletter.v1 (see their reasons there)");
    }
    return 0;
  }

  private RecordType defaultType() {
    if (type == null) {
      return null;
    }
    return RecordType.ofJsonType(type)
        .orElseThrow(
            () -> new IllegalArgumentException("--type must be post, subscribers, profile or platform, not '" + type + "'"));
  }

  /** What the export itself does not say: whose channel it is, and the zone of its local dates. */
  private TelegramExportRecords exportRecords(Path export) {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException(
          export + " is a Telegram Desktop export, which names the channel only by its title:"
              + " pass --channel HANDLE (and --platform ID if it is not a Telegram channel)");
    }
    try {
      String handle = Handles.canonical(channel);
      String id = PlatformRegistry.defaults().requireKnown(platform);
      return new TelegramExportRecords(id, handle, timezone == null ? null : zone(timezone));
    } catch (InvalidRecordException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--timezone: unknown zone '" + id + "' (for example Asia/Tehran, UTC or +03:30)");
    }
  }
}
