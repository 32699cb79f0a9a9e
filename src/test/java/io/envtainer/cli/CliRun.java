package io.envtainer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process, capturing output and the exit code. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
