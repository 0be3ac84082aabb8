package io.rootwalk.benchmarks;

import io.lettuce.core.RedisClient;
import io.rootwalk.Resolver;
import io.rootwalk.SecondLevelStatistics;
import io.rootwalk.Status;
import io.rootwalk.redis.RedisSecondLevelCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Type;

/**
 * What a second-level cache in Redis is worth to a fleet, against the local NSD hierarchy that
 * {@code bench/run-comparison.sh} starts and a redis-server on loopback: the same name set resolved
 * cold with {@code lookupAsync} by an instance without it, by the first instance with it (which
 * pays the reads that miss and the writes), and by a second instance whose own cache is empty but
 * whose Redis holds what the first walked. Names per second and upstream queries per name.
 *
 * <pre>{@code
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.FleetThroughput \
 *     DIR redis://127.0.0.1:PORT [IN_FLIGHT]
 * }</pre>
 */
public final class FleetThroughput {

  private FleetThroughput() {}

  /** One pass's numbers. */
  private record Pass(
      String label,
      int names,
      long answered,
      long queries,
      Duration wall,
      SecondLevelStatistics secondLevel) {
    double namesPerSecond() {
      return names / (wall.toNanos() / 1e9);
    }

    String summary() {
      return String.format(
          "%-36s %,8.0f names/s  %,d/%,d answered  %.2f queries/name  %,d ms  %s",
          label,
          namesPerSecond(),
          answered,
          names,
          (double) queries / names,
          wall.toMillis(),
          secondLevel);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: FleetThroughput HIERARCHY_DIR REDIS_URI [IN_FLIGHT]");
      System.exit(64);
    }
    LocalHierarchy hierarchy = LocalHierarchy.at(args[0]);
    String redis = args[1];
    if (!redis.startsWith("redis://127.")) {
      throw new IllegalArgumentException("a loopback Redis only, not " + redis);
    }
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    List<String> warmUp = hierarchy.names("b", Integer.MAX_VALUE);
    List<String> measured = hierarchy.names("a", Integer.MAX_VALUE);
    RedisClient admin = RedisClient.create(redis);
    try (var connection = admin.connect()) {
      connection.sync().flushall();
    }
    admin.shutdown();

    System.out.println(
        "warm-up  " + pass("jit warm-up", hierarchy, warmUp, inFlight, null).summary());
    List<Pass> passes =
        List.of(
            pass("no second-level cache", hierarchy, measured, inFlight, null),
            pass("first instance, Redis empty", hierarchy, measured, inFlight, redis),
            pass("second instance, Redis warm", hierarchy, measured, inFlight, redis));
    for (Pass p : passes) {
      System.out.println("measured " + p.summary());
      ComparisonOutput.result(
          "rootwalk lookupAsync x" + inFlight + ", " + p.label(),
          "fleet names/s",
          String.format("%.0f", p.namesPerSecond()));
      ComparisonOutput.result(
          "rootwalk lookupAsync x" + inFlight + ", " + p.label(),
          "fleet queries/name",
          String.format("%.2f", (double) p.queries() / p.names()));
    }
    System.exit(0);
  }

  private static Pass pass(
      String label, LocalHierarchy hierarchy, List<String> names, int inFlight, String redis)
      throws InterruptedException {
    var builder = hierarchy.rootwalk();
    if (redis != null) {
      // 5 s, not the default 1 s: on two shared cores, writes queued behind a cold pass can wait
      // longer than a second, and a lost write would flatter nobody but distort the warm pass.
      builder.secondLevelCache(
          RedisSecondLevelCache.builder(redis).commandTimeout(Duration.ofSeconds(5)).build());
    }
    LongAdder answered = new LongAdder();
    Semaphore slots = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(names.size());
    try (Resolver resolver = builder.build()) {
      long start = System.nanoTime();
      for (String name : names) {
        slots.acquire();
        resolver
            .lookupAsync(name, Type.A)
            .whenComplete(
                (r, e) -> {
                  if (r != null && r.status() == Status.NOERROR) {
                    answered.increment();
                  }
                  slots.release();
                  done.countDown();
                });
      }
      done.await(ColdClient.PASS_LIMIT.toSeconds(), TimeUnit.SECONDS);
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      long queries = resolver.lookupStatistics().upstreamQueries();
      resolver.close(); // flushes the writes and waits for them, so the counters are final
      return new Pass(
          label, names.size(), answered.sum(), queries, wall, resolver.secondLevelStatistics());
    }
  }
}
