package org.kooch.app;

import java.util.ArrayList;
import java.util.List;
import org.kooch.queries.DateRange;
import org.kooch.queries.Filters;
import org.kooch.schemas.PlatformRegistry;
import picocli.CommandLine.Option;

/** The analysts' filters and output format, shared by {@code kooch flows|platforms|channels}. */
class QueryOptions {
  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First UTC day (inclusive); default: the earliest.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last UTC day (inclusive); default: the latest.")
  String to;

  @Option(names = "--platform", paramLabel = "ID[,ID...]", split = ",",
      description = "Only these platforms (repeatable or comma-separated): telegram, soroush, gap, eitaa, bale, ...")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
      description = "Output: table (default), csv or json.", converter = FormatConverter.class)
  OutputFormat format;

  Filters filters() {
    return Filters.of(DateRange.parse(from, to, "--from", "--to"), platforms, PlatformRegistry.defaults());
  }

  /** Accepts table, csv, json in any case and says so when given something else. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("--format must be table, csv or json, not '" + value + "'");
      }
    }
  }
}
