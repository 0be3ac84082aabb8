package io.rootwalk.benchmarks;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Status;
import io.rootwalk.TrustAnchors;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.dnssec.SignedWorld;
import io.rootwalk.testing.dnssec.WorldSigner;
import java.time.Instant;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * What a lookup costs when the answer is already cached: {@code resolver.lookup(name, Type.A)} on a
 * resolver warmed against a {@link DnsLab} running {@link DemoWorld}, so no packet is sent while
 * measuring (checked in {@link #setUp()}: every measured lookup must report 0 upstream queries).
 *
 * <p>Why: a resolver library embedded in an application answers almost everything from its cache,
 * so the cache-hit path (name parsing, the negative- and positive-cache probes, TTL rewriting, the
 * per-lookup {@code Walk} and {@code Trace} objects) is the hot path. DESIGN.md sets the bar:
 * MiniDNS allocates ~13 KB per cache hit behind one global lock. Run with {@code -prof gc} to get
 * the allocation per lookup ({@code gc.alloc.rate.norm}, B/op).
 *
 * <ul>
 *   <li>{@link #lookup}: one thread, throughput (ops/s);
 *   <li>{@link #lookupAverageTime}: one thread, average time (ns/op);
 *   <li>{@link #lookupTwoThreads}: two threads sharing one resolver (contention on the cache);
 *   <li>{@link #lookupParsedName}: the same with a pre-parsed {@link Name}, which isolates the cost
 *       of parsing the presentation-format string on every call;
 *   <li>{@link #lookupAsync} and {@link #lookupAsyncTwoThreads}: the same hit through {@code
 *       lookupAsync(name, Type.A).join()}, which adds what the asynchronous path costs on a hit
 *       (the future and where it completes: an executor hop would show here, the blocking methods
 *       never see it);
 *   <li>{@link #lookupCached}: {@code lookupCached(question)}, what a recursive server does for an
 *       RD=0 query, with the question built once.
 * </ul>
 *
 * <p>{@code kind} picks the cached answer: {@code positive} (www.example.com A), {@code cname}
 * (blog.example.com A: a CNAME into tumblr.com, then the target's A, two cache hits), {@code
 * negative} (nope.example.com A: a cached NXDOMAIN with its SOA) and {@code delegated}
 * (v2.api.example.com A, an answer from a child zone). Demo TTLs are at least 900 s and the cache
 * runs on the system ticker, so nothing expires during a run.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheHitLookupBenchmark {

  /** Every name resolved while warming, so the cache holds the whole demo neighbourhood. */
  static final String[] WARM_NAMES = {
    "www.example.com",
    "mail.example.com",
    "blog.example.com",
    "v2.api.example.com",
    "nope.example.com",
  };

  @Param({"positive", "cname", "negative", "delegated"})
  public String kind;

  /**
   * The builder's executor: {@code default} (whatever the builder defaults to) or, with {@code -p
   * executor=inline}, {@code Runnable::run}, so that a future completed by a hop completes on the
   * calling thread instead.
   */
  @Param({"default"})
  public String executor;

  /**
   * {@code off}: the demo world unsigned, no validation; {@code on}: the demo world signed at start
   * ({@code WorldSigner}) and the resolver validating from its root's DS, so that a hit also passes
   * the validation stage (the remembered result for the same data, no signature check).
   */
  @Param({"off"})
  public String dnssec;

  private DnsLab lab;
  private Resolver resolver;
  private String name;
  private Name parsedName;
  private Question question;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SignedWorld signed =
        dnssec.equals("on") ? WorldSigner.sign(DemoWorld.world(), Instant.now()) : null;
    lab = DnsLab.start(signed != null ? signed.world() : DemoWorld.world());
    ResolverBuilder builder = BenchmarkLab.builderFor(lab);
    if (signed != null) {
      builder.trustAnchors(TrustAnchors.parse(signed.trustAnchorText(), "signed demo world"));
    }
    if (executor.equals("inline")) {
      builder.executor(Runnable::run);
    }
    resolver = builder.build();
    for (String warm : WARM_NAMES) {
      resolver.lookup(warm, Type.A); // walks the lab once
    }
    Status expected;
    switch (kind) {
      case "positive" -> {
        name = "www.example.com";
        expected = Status.NOERROR;
      }
      case "cname" -> {
        name = "blog.example.com";
        expected = Status.NOERROR;
      }
      case "negative" -> {
        name = "nope.example.com";
        expected = Status.NXDOMAIN;
      }
      case "delegated" -> {
        name = "v2.api.example.com";
        expected = Status.NOERROR;
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
    parsedName = Name.fromString(name + ".");
    question = new Question(parsedName, Type.A);
    // The measured lookups must be cache hits: fail the trial rather than measure the network.
    for (String warm : WARM_NAMES) {
      BenchmarkLab.expectCacheHit(
          resolver.lookup(warm, Type.A),
          warm.startsWith("nope.") ? Status.NXDOMAIN : Status.NOERROR);
    }
    Resolution r = BenchmarkLab.expectCacheHit(resolver.lookup(name, Type.A), expected);
    BenchmarkLab.expectCacheHit(resolver.lookup(parsedName, Type.A), expected);
    BenchmarkLab.expectCacheHit(resolver.lookupAsync(name, Type.A).join(), expected);
    BenchmarkLab.expectCacheHit(resolver.lookupCached(question).orElseThrow(), expected);
    if (expected == Status.NOERROR && r.addresses().isEmpty()) {
      throw new IllegalStateException("no addresses in " + r);
    }
    if (signed != null && r.security().status() != SecurityStatus.SECURE) {
      throw new IllegalStateException("not validated as secure: " + r.security());
    }
    lab.clearQueries();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    int sent = lab.queryCount();
    resolver.close();
    lab.close();
    if (sent != 0) {
      throw new IllegalStateException(sent + " queries reached the lab while measuring cache hits");
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Resolution lookup() {
    return resolver.lookup(name, Type.A);
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Resolution lookupTwoThreads() {
    return resolver.lookup(name, Type.A);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Resolution lookupAverageTime() {
    return resolver.lookup(name, Type.A);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Resolution lookupParsedName() {
    return resolver.lookup(parsedName, Type.A);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Resolution lookupAsync() {
    return resolver.lookupAsync(name, Type.A).join();
  }

  @Benchmark
  @Threads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Resolution lookupAsyncTwoThreads() {
    return resolver.lookupAsync(name, Type.A).join();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Optional<Resolution> lookupCached() {
    return resolver.lookupCached(question);
  }
}
