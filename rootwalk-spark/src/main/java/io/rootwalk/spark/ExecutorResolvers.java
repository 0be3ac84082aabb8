package io.rootwalk.spark;

import io.rootwalk.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The resolvers of this JVM, one per {@link BulkJobConfig}: built on the first partition that asks,
 * then shared by every partition that runs in the same executor, so the cache of one partition
 * answers the next and the JVM holds one set of sockets and I/O threads, not one per task.
 *
 * <p>This is static state on purpose: Spark gives a task no hook that outlives it, and an executor
 * JVM runs many tasks, one after another and side by side. Every resolver here is closed by a JVM
 * shutdown hook, which Spark runs as it stops an executor; {@link #closeAll()} closes them sooner,
 * for a driver in local mode or a test.
 */
public final class ExecutorResolvers {

  private static final Map<BulkJobConfig, Resolver> RESOLVERS = new ConcurrentHashMap<>();
  private static final AtomicInteger BUILT = new AtomicInteger();
  private static final AtomicInteger HANDED_OUT = new AtomicInteger();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ExecutorResolvers::closeAll, "rootwalk-resolver-shutdown"));
  }

  private ExecutorResolvers() {}

  /**
   * This JVM's resolver for {@code config}, built now if none is. Never close it: others share it.
   *
   * @param config the job's configuration
   * @return the shared resolver
   */
  public static Resolver forConfig(BulkJobConfig config) {
    HANDED_OUT.incrementAndGet();
    // computeIfAbsent builds at most one per key, even when every task of an executor starts at
    // once; the build is quick (no packet is sent), so holding the bin lock for it is fine.
    return RESOLVERS.computeIfAbsent(
        config,
        c -> {
          BUILT.incrementAndGet();
          return c.newResolver();
        });
  }

  /**
   * How many resolvers this JVM has built since it started: with one configuration, 1 however many
   * partitions ran here, until {@link #closeAll()}.
   *
   * @return the count
   */
  public static int built() {
    return BUILT.get();
  }

  /**
   * How many times {@link #forConfig} was called: once per partition resolved in this JVM.
   *
   * @return the count
   */
  public static int handedOut() {
    return HANDED_OUT.get();
  }

  /**
   * Closes every resolver of this JVM and forgets it; a later {@link #forConfig} builds a new one.
   * Call it only when no partition is resolving, as at the end of a local-mode job.
   */
  public static void closeAll() {
    List<Resolver> open = new ArrayList<>(RESOLVERS.values());
    RESOLVERS.clear();
    for (Resolver resolver : open) {
      resolver.close();
    }
  }
}
