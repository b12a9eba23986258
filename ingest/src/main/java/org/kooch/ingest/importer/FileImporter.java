package org.kooch.ingest.importer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Imports one file into Kafka: valid input becomes records, refused input becomes dead letters
 * with its location and reason. An {@link IOException} (including {@link MalformedFileException})
 * means the file as a whole could not be read past some point; what came before it is published.
 */
public interface FileImporter {
  ImportSummary importFile(Path file) throws IOException;
}
