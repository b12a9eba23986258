package org.kooch.app;

import org.kooch.streaming.StateBackendChoice;
import picocli.CommandLine.ITypeConverter;

/** {@code --state-backend}: {@code rocksdb} or {@code hashmap} ({@link StateBackendChoice#parse}). */
public final class StateBackendConverter implements ITypeConverter<StateBackendChoice> {
  @Override
  public StateBackendChoice convert(String value) {
    return StateBackendChoice.parse(value);
  }
}
