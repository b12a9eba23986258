package org.kooch.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM of its own for a test: the test's classpath and module opens, and a stop that always ends it. */
final class TestJvm {
  private TestJvm() {}

  /** The command that runs {@code mainClass} with {@code args} on the test's classpath. */
  static List<String> command(String heap, Class<?> mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(mainClass.getName());
    cmd.addAll(args);
    return cmd;
  }

  /** SIGTERM (Ctrl-C's path), then SIGKILL if it does not stop in 30 s (or the test was interrupted). */
  static void stop(Process process) {
    process.destroy();
    try {
      if (process.waitFor(30, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }
}
