package org.kooch.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs {@code kooch bench ...} in the test's JVM and captures what it prints. */
final class BenchCli {
  record Result(int exit, String out, String err) {}

  private BenchCli() {}

  static Result run(String... args) {
    // System.out and System.err are replaced before the command line is made: the benches print
    // their tables to System.out and progress to System.err.
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      StringWriter cliOut = new StringWriter();
      StringWriter cliErr = new StringWriter();
      CommandLine cl = BenchCommand.commandLine();
      cl.setOut(new PrintWriter(cliOut, true));
      cl.setErr(new PrintWriter(cliErr, true));
      int exit = cl.execute(args);
      return new Result(exit, cliOut + out.toString(StandardCharsets.UTF_8), cliErr + err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      oldErr.print(err.toString(StandardCharsets.UTF_8));
    }
  }
}
