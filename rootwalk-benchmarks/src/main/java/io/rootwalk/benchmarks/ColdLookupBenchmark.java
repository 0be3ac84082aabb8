package io.rootwalk.benchmarks;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Type;

/**
 * What a lookup costs when it has to walk: {@code www.example.com A} against a {@link DnsLab}
 * running {@link DemoWorld} on loopback, with the cache emptied before every invocation.
 *
 * <p>Why: this is the engine's per-step cost (build a query, send it over the NIO transport,
 * receive, parse, scrub, classify, cache, pick the next server) with the network reduced to
 * loopback, so the figure is an upper bound on what Rootwalk adds to each real round trip. The lab
 * servers run in the same JVM and share the machine's cores, so this is not a server benchmark.
 *
 * <ul>
 *   <li>{@code cold}: {@link Resolver#flushAll()} before each lookup, so it primes the root and
 *       walks root, com., example.com. (4 upstream queries, checked in setup);
 *   <li>{@code oneStep}: only {@code www.example.com} is flushed, so the cached example.com.
 *       delegation leaves one query to send: the cost of a single step.
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ColdLookupBenchmark {

  private static final String NAME = "www.example.com";

  @Param({"cold", "oneStep"})
  public String cache;

  private DnsLab lab;
  private Resolver resolver;
  private int expectedQueries;

  @Setup(Level.Trial)
  public void setUp() {
    lab = DnsLab.start(DemoWorld.world());
    resolver = BenchmarkLab.builderFor(lab).build();
    BenchmarkLab.expect(resolver.lookup(NAME, Type.A), Status.NOERROR);
    flush();
    Resolution r = BenchmarkLab.expect(resolver.lookup(NAME, Type.A), Status.NOERROR);
    expectedQueries = r.trace().upstreamQueries();
    int minimum = cache.equals("cold") ? 3 : 1;
    if (expectedQueries < minimum || (cache.equals("oneStep") && expectedQueries != 1)) {
      throw new IllegalStateException(
          "a "
              + cache
              + " lookup sent "
              + expectedQueries
              + " upstream queries\n"
              + r.trace().render());
    }
  }

  /** Empties the cache (and the lab's query log, which would otherwise grow for the whole run). */
  @Setup(Level.Invocation)
  public void flush() {
    if (cache.equals("cold")) {
      resolver.flushAll();
    } else {
      resolver.flush(NAME);
    }
    lab.clearQueries();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    resolver.close();
    lab.close();
  }

  @Benchmark
  public Resolution lookup() {
    Resolution r = resolver.lookup(NAME, Type.A);
    if (r.status() != Status.NOERROR || r.trace().upstreamQueries() != expectedQueries) {
      throw new IllegalStateException("unexpected walk: " + r + "\n" + r.trace().render());
    }
    return r;
  }
}
