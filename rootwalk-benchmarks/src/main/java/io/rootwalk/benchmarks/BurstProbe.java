package io.rootwalk.benchmarks;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Type;

/**
 * A burst: {@code COUNT} concurrent {@code lookupAsync} of distinct names, all started at once on a
 * fresh resolver (empty cache) against the local NSD hierarchy. Reports how each ended (NOERROR,
 * SERVFAIL by reason), the peak and total started thread counts, the heap and the wall time.
 *
 * <p>Why: a burst is where queueing inside the resolver can be mistaken for a slow server; every
 * name here exists, so anything but NOERROR is the resolver's own doing. Run one count per JVM, so
 * the thread and heap figures are the burst's alone:
 *
 * <pre>{@code
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.BurstProbe DIR 10000
 * }</pre>
 */
public final class BurstProbe {

  /** How long the burst may take before the lookups still open are counted as unfinished. */
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private BurstProbe() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: BurstProbe HIERARCHY_DIR COUNT");
      System.exit(64);
    }
    LocalHierarchy hierarchy = LocalHierarchy.at(args[0]);
    int count = Integer.parseInt(args[1]);
    List<String> names = hierarchy.names("burst", count);
    if (names.size() < count) {
      throw new IllegalArgumentException("only " + names.size() + " burst names generated");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    String system = "rootwalk burst " + count;
    Map<String, Long> outcomes = new TreeMap<>();
    try (Resolver resolver = hierarchy.rootwalk().build()) {
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      long startedBefore = threads.getTotalStartedThreadCount();
      threads.resetPeakThreadCount();
      CountDownLatch done = new CountDownLatch(count);
      List<CompletableFuture<Resolution>> futures = new ArrayList<>(count);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        CompletableFuture<Resolution> f = resolver.lookupAsync(names.get(i), Type.A);
        f.whenComplete((r, e) -> done.countDown());
        futures.add(f);
      }
      long submitted = System.nanoTime();
      boolean all = done.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
      long wall = System.nanoTime() - start;
      int peak = threads.getPeakThreadCount();
      long started = threads.getTotalStartedThreadCount() - startedBefore;
      long heapAtEnd = memory.getHeapMemoryUsage().getUsed();
      for (CompletableFuture<Resolution> f : futures) {
        String outcome;
        if (!f.isDone()) {
          outcome = "unfinished";
        } else if (f.isCompletedExceptionally()) {
          outcome = "exception";
        } else {
          outcome = ColdClient.outcome(f.join());
        }
        outcomes.merge(outcome, 1L, Long::sum);
      }
      System.gc();
      long heapRetained = memory.getHeapMemoryUsage().getUsed();
      long answered = outcomes.getOrDefault("NOERROR", 0L);
      System.out.printf(
          "burst of %,d: %s%n  the %,d lookupAsync calls returned in %,d ms; %s in %,d ms; peak threads %d, threads"
              + " started %,d; heap used %,d MB at the end, %,d MB retained after GC (%,d before)%n",
          count,
          outcomes,
          count,
          (submitted - start) / 1_000_000,
          all ? "all completed" : "NOT all completed",
          wall / 1_000_000,
          peak,
          started,
          heapAtEnd >> 20,
          heapRetained >> 20,
          heapBefore >> 20);
      ComparisonOutput.result(system, "answered", answered + "/" + count);
      ComparisonOutput.result(system, "outcomes", outcomes.toString().replace('\t', ' '));
      ComparisonOutput.result(system, "wall ms", wall / 1_000_000);
      // lookupAsync should return at once: the time the caller spent just starting the burst.
      ComparisonOutput.result(system, "calls ms", (submitted - start) / 1_000_000);
      ComparisonOutput.result(system, "peak threads", peak);
      ComparisonOutput.result(system, "threads started", started);
      ComparisonOutput.result(system, "heap MB at end", heapAtEnd >> 20);
      ComparisonOutput.result(system, "heap MB retained", (heapRetained - heapBefore) >> 20);
    }
    System.exit(0);
  }
}
