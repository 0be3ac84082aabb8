package io.rootwalk.benchmarks;

import java.util.List;

/**
 * Cold lookups pass after pass in one JVM, each pass on a fresh resolver (empty cache) over names
 * no earlier pass asked: the first passes pay for JIT compilation, the last show the steady state.
 * A single pass in a fresh JVM on one core, as {@link ColdThroughput} makes, measures both at once
 * (perf showed the C2 compiler thread taking about 45 % of the CPU through such a pass).
 *
 * <pre>{@code
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.SteadyColdProbe DIR rootwalk 10 10000
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.SteadyColdProbe DIR minidns 10 10000
 * }</pre>
 */
public final class SteadyColdProbe {

  private SteadyColdProbe() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4 || !List.of("rootwalk", "minidns").contains(args[1])) {
      System.err.println(
          "usage: SteadyColdProbe HIERARCHY_DIR rootwalk|minidns PASSES NAMES_PER_PASS");
      System.exit(64);
    }
    LocalHierarchy hierarchy = LocalHierarchy.at(args[0]);
    boolean rootwalk = args[1].equals("rootwalk");
    int passes = Integer.parseInt(args[2]);
    int perPass = Integer.parseInt(args[3]);
    List<String> names = hierarchy.names("burst", passes * perPass);
    if (names.size() < passes * perPass) {
      throw new IllegalArgumentException("only " + names.size() + " burst names generated");
    }
    // Each client as it did best in ColdThroughput: 100 lookups in flight.
    ColdClient client =
        rootwalk ? new ColdClient.RootwalkAsync(100) : new ColdClient.MiniDnsBlocking(100);
    for (int p = 0; p < passes; p++) {
      ColdRun run = client.run(hierarchy, names.subList(p * perPass, (p + 1) * perPass));
      System.out.println("pass " + (p + 1) + "  " + run.summary());
      ComparisonOutput.result(
          args[1] + " steady",
          "pass " + (p + 1),
          String.format("%.0f", run.names() / (run.wall().toNanos() / 1e9)));
    }
  }
}
