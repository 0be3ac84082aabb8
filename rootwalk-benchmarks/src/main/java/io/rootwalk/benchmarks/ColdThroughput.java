package io.rootwalk.benchmarks;

import java.util.List;

/**
 * In-process cold throughput against the local NSD hierarchy that {@code bench/run-comparison.sh}
 * starts: Rootwalk's {@code lookupAsync} and blocking {@code lookup} next to MiniDNS's iterative
 * resolver, each with an empty cache, in names per second.
 *
 * <p>Each client first makes one throw-away pass over name set {@code b} (JIT warm-up, its own
 * resolver), then the measured pass over set {@code a} with a fresh resolver; the two sets lie in
 * disjoint zones, so the measured pass walks every delegation below the TLDs itself.
 *
 * <pre>{@code
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.ColdThroughput DIR
 * }</pre>
 *
 * <p>Prints one {@code result} line per client (tab-separated: system, metric, value) for the
 * script's table, after a human-readable summary.
 */
public final class ColdThroughput {

  private ColdThroughput() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1) {
      System.err.println("usage: ColdThroughput HIERARCHY_DIR [IN_FLIGHT] [THREADS]");
      System.exit(64);
    }
    LocalHierarchy hierarchy = LocalHierarchy.at(args[0]);
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    List<String> warmUp = hierarchy.names("b", Integer.MAX_VALUE);
    List<String> measured = hierarchy.names("a", Integer.MAX_VALUE);
    List<ColdClient> clients =
        List.of(
            new ColdClient.RootwalkAsync(inFlight),
            new ColdClient.RootwalkBlocking(threads),
            new ColdClient.MiniDnsBlocking(threads),
            new ColdClient.MiniDnsBlocking(inFlight));
    for (ColdClient client : clients) {
      ColdRun warm = client.run(hierarchy, warmUp);
      System.out.println("warm-up  " + warm.summary());
      ColdRun run = client.run(hierarchy, measured);
      System.out.println("measured " + run.summary());
      ComparisonOutput.result(
          run.client(), "cold names/s", String.format("%.0f", run.namesPerSecond()));
      ComparisonOutput.result(run.client(), "cold answered", run.answered() + "/" + run.names());
    }
    // MiniDNS's blocked threads, if a pass ran over its limit, must not keep the JVM up.
    System.exit(0);
  }
}
