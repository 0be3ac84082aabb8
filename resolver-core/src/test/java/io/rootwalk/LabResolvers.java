package io.rootwalk;

import io.rootwalk.testing.DnsLab;
import java.time.Duration;

/** Resolvers pointed at a test lab: its hints file and port, short timeouts. */
public final class LabResolvers {

  private LabResolvers() {}

  /** A builder walking {@code lab}; the lab's hints are loopback, so never the real root. */
  public static ResolverBuilder builderFor(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port())
        .queryTimeout(Duration.ofMillis(400))
        .deadline(Duration.ofSeconds(5));
  }
}
