package org.kooch.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the WARN and ERROR lines this JVM logs while open (the Flink MiniCluster runs in
 * process), so a test can count the sink's retries and any task failure.
 */
final class LogCapture implements AutoCloseable {
  /** @param thrown the attached exception and its causes' messages, or "" */
  record Line(Level level, String logger, String message, String thrown) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final AbstractAppender appender;

  LogCapture() {
    appender =
        new AbstractAppender("capture-" + System.identityHashCode(this), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent e) {
            lines.add(new Line(e.getLevel(), e.getLoggerName(), e.getMessage().getFormattedMessage(), causes(e.getThrown())));
          }
        };
    appender.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
    ctx.updateLoggers();
  }

  /** Lines from a logger whose name ends with {@code loggerSuffix} that contain {@code text}. */
  long count(String loggerSuffix, String text) {
    return lines.stream().filter(l -> l.logger().endsWith(loggerSuffix) && l.message().contains(text)).count();
  }

  private static String causes(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
      s.append(t).append('\n');
    }
    return s.toString();
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration cfg = ctx.getConfiguration();
    cfg.getRootLogger().removeAppender(appender.getName());
    ctx.updateLoggers();
    appender.stop();
  }
}
