package io.rootwalk.benchmarks;

import io.rootwalk.CacheStatistics;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.ObjectName;
import org.xbill.DNS.Type;

/**
 * How much heap the cache retains per cached name: fills a resolver's cache with {@code N} distinct
 * positive answers ({@code x<i>.wild.example.net A}, each synthesized by the demo world's {@code
 * *.wild.example.net} wildcard) and then {@code N} distinct NXDOMAINs ({@code nx<i>.example.com
 * A}), and reports the retained-heap delta after a full GC divided by {@code N}.
 *
 * <p>Why: DESIGN.md compares with MiniDNS's ~7.5 KB of heap per cached name. Not a JMH benchmark
 * (JMH measures time, not retained size): a {@code main()} that prints one line per phase.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xms512m -Xmx512m -cp rootwalk-benchmarks/target/benchmarks.jar \
 *     io.rootwalk.benchmarks.CacheMemoryBenchmark 10000
 * </pre>
 *
 * <p>The live heap is the total of a class histogram (taken after a full GC). The lab's servers run
 * in the same JVM; their query log is cleared before each measurement so it is not counted. The
 * delegations (root, com., net., example.com., example.net.) and server state are cached in a
 * warm-up before the baseline, so the deltas are the answer entries alone.
 */
public final class CacheMemoryBenchmark {

  private CacheMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    try (DnsLab lab = DnsLab.start(DemoWorld.world());
        Resolver resolver = BenchmarkLab.builderFor(lab).build()) {
      // Warm: delegations, server RTTs, and the classes and JIT state of every path used below.
      for (int i = 0; i < 200; i++) {
        BenchmarkLab.expect(
            resolver.lookup("warm" + i + ".wild.example.net", Type.A), Status.NOERROR);
        BenchmarkLab.expect(
            resolver.lookup("warmnx" + i + ".example.com", Type.A), Status.NXDOMAIN);
      }
      long entriesBefore = cachedNames(resolver);

      lab.clearQueries();
      long base = liveHeap(resolver);
      for (int i = 0; i < n; i++) {
        BenchmarkLab.expect(resolver.lookup("x" + i + ".wild.example.net", Type.A), Status.NOERROR);
      }
      lab.clearQueries();
      long afterPositive = liveHeap(resolver);
      for (int i = 0; i < n; i++) {
        BenchmarkLab.expect(resolver.lookup("nx" + i + ".example.com", Type.A), Status.NXDOMAIN);
      }
      lab.clearQueries();
      long afterNegative = liveHeap(resolver);

      // Still cached? A lookup of the first and last names of each kind must be a hit.
      for (String name :
          new String[] {"x0.wild.example.net", "x" + (n - 1) + ".wild.example.net"}) {
        BenchmarkLab.expectCacheHit(resolver.lookup(name, Type.A), Status.NOERROR);
      }
      for (String name : new String[] {"nx0.example.com", "nx" + (n - 1) + ".example.com"}) {
        BenchmarkLab.expectCacheHit(resolver.lookup(name, Type.A), Status.NXDOMAIN);
      }
      long entriesAfter = cachedNames(resolver);
      System.out.printf(
          Locale.ROOT,
          "N = %d names of each kind; cache entries %d -> %d%n",
          n,
          entriesBefore,
          entriesAfter);
      System.out.printf(Locale.ROOT, "baseline live heap %,d bytes%n", base);
      report("positive (wildcard A)    ", afterPositive - base, n);
      report("negative (NXDOMAIN + SOA)", afterNegative - afterPositive, n);
      report("both                     ", afterNegative - base, 2 * n);
    }
  }

  private static void report(String what, long bytes, int names) {
    System.out.printf(
        Locale.ROOT,
        "%s %,12d bytes = %,6.0f bytes per cached name%n",
        what,
        bytes,
        bytes / (double) names);
  }

  /** Positive and negative answers cached now. */
  private static long cachedNames(Resolver resolver) {
    CacheStatistics stats = resolver.cacheStatistics();
    return stats.rrsets() + stats.negatives();
  }

  /**
   * The live heap: the total of a class histogram, which HotSpot takes after a full collection (the
   * {@code GC.class_histogram} diagnostic command, in process). More stable than the memory
   * MXBean's "used", which was seen to jump by ~3 MB between otherwise identical runs. The cache
   * statistics first run Caffeine's pending maintenance: its buffers hold on to recently written or
   * removed entries until drained on the executor.
   */
  private static long liveHeap(Resolver resolver) throws Exception {
    resolver.cacheStatistics();
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    for (String line : histogram.split("\n")) {
      if (line.startsWith("Total")) {
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[2]); // Total <instances> <bytes>
      }
    }
    throw new IllegalStateException("no Total line in the class histogram");
  }
}
