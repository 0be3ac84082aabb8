package io.rootwalk.cli;

import io.rootwalk.testing.DnsLab;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of {@code rootwalk}: exit status and both streams. */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) {
    return withInput("", args);
  }

  /** {@code args} run with {@code stdin} as standard input. */
  static CliRun withInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e);
    }
    return new CliRun(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code args} run against {@code lab}: its root hints file and port appended. */
  static CliRun againstLab(DnsLab lab, String... args) {
    return againstLabWithInput(lab, "", args);
  }

  /** {@code args} run against {@code lab}, with {@code stdin} as standard input. */
  static CliRun againstLabWithInput(DnsLab lab, String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--root-hints",
            lab.rootHintsFile().toString(),
            "--upstream-port",
            String.valueOf(lab.port())));
    return withInput(stdin, all.toArray(new String[0]));
  }

  /** The first line of stderr: the one-line reason of a usage error. */
  String errorLine() {
    return err.lines().findFirst().orElse("");
  }
}
