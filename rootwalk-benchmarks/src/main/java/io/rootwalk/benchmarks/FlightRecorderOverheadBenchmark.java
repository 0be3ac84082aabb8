package io.rootwalk.benchmarks;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.io.IOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
 * What the JDK Flight Recorder events cost a lookup: the cache hit ({@link #hit}, www.example.com
 * A) and a one-query walk ({@link #oneStep}: the name flushed before each call, the example.com.
 * delegation cached), under three {@code jfr} settings:
 *
 * <ul>
 *   <li>{@code none}: no recording in the JVM, as most JVMs run; the events' static {@code
 *       isEnabled()} checks are all the resolver pays;
 *   <li>{@code otherEvents}: a recording with the JDK's {@code default} settings, Rootwalk's four
 *       events disabled in it (JFR initialised and the event classes instrumented, but not wanted);
 *   <li>{@code rootwalk}: a recording of Rootwalk's four events only, each lookup committing its
 *       {@code io.rootwalk.Lookup} (and a walk its {@code io.rootwalk.Exchange}).
 * </ul>
 *
 * Run with {@code -prof gc}: the cache hit must allocate as much under {@code none} and {@code
 * otherEvents} as before the events existed.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FlightRecorderOverheadBenchmark {

  private static final String NAME = "www.example.com";
  private static final List<String> EVENTS =
      List.of(
          "io.rootwalk.Lookup",
          "io.rootwalk.Exchange",
          "io.rootwalk.CacheEviction",
          "io.rootwalk.LimitReached");

  @Param({"none", "otherEvents", "rootwalk"})
  public String jfr;

  private DnsLab lab;
  private Resolver resolver;
  private Recording recording;

  @Setup(Level.Trial)
  public void setUp() throws IOException, ParseException {
    lab = DnsLab.start(DemoWorld.world());
    resolver = BenchmarkLab.builderFor(lab).build();
    BenchmarkLab.expect(resolver.lookup(NAME, Type.A), Status.NOERROR);
    BenchmarkLab.expectCacheHit(resolver.lookup(NAME, Type.A), Status.NOERROR);
    switch (jfr) {
      case "none" -> recording = null;
      case "otherEvents" -> {
        Map<String, String> settings =
            new HashMap<>(Configuration.getConfiguration("default").getSettings());
        for (String event : EVENTS) {
          settings.put(event + "#enabled", "false");
        }
        recording = new Recording(settings);
      }
      case "rootwalk" -> {
        recording = new Recording();
        for (String event : EVENTS) {
          recording.enable(event).withoutStackTrace();
        }
      }
      default -> throw new IllegalArgumentException("unknown jfr setting " + jfr);
    }
    if (recording != null) {
      recording.setToDisk(true);
      recording.setMaxSize(64L << 20); // a ring of 64 MB: the run records millions of lookups
      recording.start();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (recording != null) {
      recording.close();
    }
    resolver.close();
    lab.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Resolution hit() {
    return resolver.lookup(NAME, Type.A);
  }

  /** Only the name is forgotten: the next lookup sends one query from the cached delegation. */
  @State(Scope.Thread)
  public static class Flushed {
    @Setup(Level.Invocation)
    public void flush(FlightRecorderOverheadBenchmark b) {
      b.resolver.flush(NAME);
      b.lab.clearQueries();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Resolution oneStep(Flushed flushed) {
    Resolution r = resolver.lookup(NAME, Type.A);
    if (r.trace().upstreamQueries() != 1) {
      throw new IllegalStateException("expected one query:\n" + r.trace().render());
    }
    return r;
  }
}
