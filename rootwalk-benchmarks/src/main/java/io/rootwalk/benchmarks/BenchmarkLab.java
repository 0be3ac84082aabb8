package io.rootwalk.benchmarks;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.Status;
import io.rootwalk.testing.DnsLab;
import java.time.Duration;

/**
 * Resolvers pointed at a {@link DnsLab}: its loopback root hints and its port, so a benchmark never
 * sends a packet outside 127.0.0.0/8 (like the core's {@code LabResolvers}, with more patient
 * timeouts for a loaded machine).
 */
final class BenchmarkLab {

  private BenchmarkLab() {}

  /** A builder walking {@code lab}, with the default (real-time) cache. */
  static ResolverBuilder builderFor(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port())
        .queryTimeout(Duration.ofSeconds(2))
        .deadline(Duration.ofSeconds(10));
  }

  /** Fails loudly unless {@code r} ended with {@code expected}. */
  static Resolution expect(Resolution r, Status expected) {
    if (r.status() != expected) {
      throw new IllegalStateException(
          "expected " + expected + " but got " + r + "\n" + r.trace().render());
    }
    return r;
  }

  /** Fails loudly unless {@code r} was answered without sending a single query upstream. */
  static Resolution expectCacheHit(Resolution r, Status expected) {
    expect(r, expected);
    if (r.trace().upstreamQueries() != 0) {
      throw new IllegalStateException(
          "not a cache hit: "
              + r.question()
              + " sent "
              + r.trace().upstreamQueries()
              + " upstream queries\n"
              + r.trace().render());
    }
    return r;
  }
}
