package org.kooch.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.kooch.ingest.deadletters.DeadLetterLog;
import org.kooch.ingest.importer.Utf8;
import org.kooch.queries.Table;
import org.kooch.schemas.DeadLetter;
import org.kooch.schemas.DeadLetters;
import org.kooch.schemas.RefusalKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kooch dead-letters}: what Kooch refused, each refusal once, counted by kind and source,
 * with where it came from ({@code file:line}, URL, {@code topic-partition@offset}) and why; {@code
 * --format raw} writes the refused bytes back out, to fix and import again.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
    description = {"What Kooch refused (the kooch.deadletter.v1 topic), each refusal once: counts by kind and source,",
        "then the refusals with their location and reason. --format raw writes the refused bytes, one per line,",
        "to fix and import again (JSON Lines as they were; CSV rows without their header)."})
final class DeadLettersCommand implements Callable<Integer> {
  /** Rows the table format lists after the counts; the other formats list every refusal. */
  static final int TABLE_ROWS = 50;

  @Mixin ConnectionOptions connection;
  @Spec CommandSpec spec;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD|INSTANT",
      description = "Only refusals at or after this UTC day or instant (2018-04-30T12:00:00Z).")
  String since;

  @Option(names = "--reason", paramLabel = "KIND|TEXT",
      description = "Only refusals of this kind (malformed, contract, out-of-range, too-large, not-utf8, too-late, unwritable) "
          + "or whose reason contains this text (any case).")
  String reason;

  @Option(names = "--source", paramLabel = "TEXT", description = "Only refusals whose source contains this text (import:posts.jsonl, telegram-web, flink:).")
  String source;

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json|raw",
      description = "Output: table (default), csv, json, or raw (the refused bytes, one refusal per line).")
  String format;

  @Override
  public Integer call() throws Exception {
    String f = format.strip().toLowerCase(Locale.ROOT);
    if (!List.of("table", "csv", "json", "raw").contains(f)) {
      throw new ParameterException(spec.commandLine(), "--format must be table, csv, json or raw, not '" + format + "'");
    }
    Instant from = since == null ? null : instant(since);
    List<DeadLetterLog.Entry> entries = new ArrayList<>();
    long total;
    try (KafkaHandle kafka = KafkaHandle.open(connection)) {
      DeadLetterLog log = new DeadLetterLog(kafka.settings());
      if (f.equals("raw")) {
        total = log.read(from, filter(), unfiltered(), e -> writeRaw(e, System.out));
        System.out.flush();
        return 0;
      }
      total = log.read(from, filter(), unfiltered(), e -> entries.add(stripped(e, f.equals("table"))));
    }
    entries.sort(Comparator.comparing((DeadLetterLog.Entry e) -> e.letter() == null ? Instant.MIN : e.letter().getFailedAt()));
    PrintWriter out = Utf8Out.stdout();
    if (f.equals("table")) {
      printTable(entries, total, out);
    } else {
      (f.equals("csv") ? OutputFormat.CSV : OutputFormat.JSON).print(listing(entries, false), out);
    }
    out.flush();
    return 0;
  }

  /** Records that are not dead letters have no kind or source: shown only when nothing is filtered. */
  private boolean unfiltered() {
    return (reason == null || reason.isBlank()) && (source == null || source.isBlank());
  }

  private Predicate<DeadLetter> filter() {
    Predicate<DeadLetter> p = d -> true;
    if (reason != null && !reason.isBlank()) {
      String r = reason.strip();
      p = RefusalKind.ofCode(r).isPresent()
          ? p.and(d -> d.getKind().equalsIgnoreCase(r))
          : p.and(d -> d.getReason().toLowerCase(Locale.ROOT).contains(r.toLowerCase(Locale.ROOT)));
    }
    if (source != null && !source.isBlank()) {
      String s = source.strip().toLowerCase(Locale.ROOT);
      p = p.and(d -> d.getSource().toLowerCase(Locale.ROOT).contains(s));
    }
    return p;
  }

  private static void printTable(List<DeadLetterLog.Entry> entries, long total, PrintWriter out) {
    Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    for (DeadLetterLog.Entry e : entries) {
      List<String> key = e.letter() == null ? List.of("unreadable", "(not a dead letter)") : List.of(e.letter().getKind(), e.letter().getSource());
      counts.merge(key, 1L, Long::sum);
    }
    List<List<Object>> rows = new ArrayList<>();
    counts.forEach((k, n) -> rows.add(List.of(k.get(0), k.get(1), n)));
    out.println(entries.size() + " refusals (" + total + " dead letters on the topic, repeats included)");
    out.println();
    OutputFormat.TABLE.print(new Table(List.of("kind", "source", "refusals"), rows), out);
    if (!entries.isEmpty()) {
      out.println();
      List<DeadLetterLog.Entry> latest = entries.subList(Math.max(0, entries.size() - TABLE_ROWS), entries.size());
      if (latest.size() < entries.size()) {
        out.println("The latest " + latest.size() + " (all of them with --format csv, json or raw):");
      }
      OutputFormat.TABLE.print(listing(latest, true), out);
    }
  }

  /** The refusals as rows; a short listing clips reasons and leaves out the bytes. */
  private static Table listing(List<DeadLetterLog.Entry> entries, boolean brief) {
    List<String> columns = new ArrayList<>(List.of("failed_at", "kind", "source", "location", "reason", "raw_size", "cut"));
    if (!brief) {
      columns.addAll(List.of("raw", "raw_base64"));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (DeadLetterLog.Entry e : entries) {
      List<Object> row = new ArrayList<>();
      DeadLetter d = e.letter();
      if (d == null) {
        row.addAll(java.util.Arrays.asList(null, "unreadable", "", "kooch.deadletter.v1-" + e.partition() + "@" + e.offset(), e.unreadable(), null, null));
        if (!brief) {
          row.add(null);
          row.add(null);
        }
      } else {
        String why = brief && d.getReason().length() > 120 ? d.getReason().substring(0, 119) + "…" : d.getReason();
        row.addAll(java.util.Arrays.asList(d.getFailedAt().toString(), d.getKind(), d.getSource(), d.getLocation(), why,
            d.getRawSize() < 0 ? (long) d.getRaw().remaining() : d.getRawSize(), DeadLetters.isCut(d) ? "cut" : ""));
        if (!brief) {
          String text = utf8(d.getRaw());
          row.add(text);
          row.add(text == null ? Base64.getEncoder().encodeToString(bytes(d.getRaw())) : null);
        }
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /** The table needs no bytes: dropped as read, so a large topic does not fill the heap. */
  private static DeadLetterLog.Entry stripped(DeadLetterLog.Entry e, boolean dropRaw) {
    if (!dropRaw || e.letter() == null) {
      return e;
    }
    DeadLetter d = DeadLetter.newBuilder(e.letter()).setRaw(ByteBuffer.allocate(0)).build();
    d.setRawSize(e.letter().getRawSize() < 0 ? e.letter().getRaw().remaining() : e.letter().getRawSize());
    return new DeadLetterLog.Entry(e.partition(), e.offset(), d, null);
  }

  private static void writeRaw(DeadLetterLog.Entry e, OutputStream out) {
    DeadLetter d = e.letter();
    if (d == null) {
      System.err.println("skipped kooch.deadletter.v1-" + e.partition() + "@" + e.offset() + ": " + e.unreadable());
      return;
    }
    if (DeadLetters.isCut(d)) {
      System.err.println("skipped " + d.getLocation() + ": only its first " + d.getRaw().remaining() + " of " + d.getRawSize() + " bytes were kept");
      return;
    }
    try {
      out.write(bytes(d.getRaw()));
      out.write('\n');
    } catch (IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  private static String utf8(ByteBuffer b) {
    try {
      return Utf8.decode(bytes(b));
    } catch (CharacterCodingException e) {
      return null;
    }
  }


  private Instant instant(String s) {
    try {
      return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(),"--since must be a day (2018-04-30) or an instant (2018-04-30T12:00:00Z), not '" + s + "'");
    }
  }
}
