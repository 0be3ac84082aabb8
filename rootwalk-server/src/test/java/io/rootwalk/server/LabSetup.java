package io.rootwalk.server;

import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.testing.DnsLab;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The server tests' shared setup: a resolver walking the test's lab, a port chosen by the OS. */
final class LabSetup {

  private LabSetup() {}

  /** A resolver builder on {@code lab}'s hints and port; never the real root. */
  static ResolverBuilder resolverFor(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port());
  }

  /** Loopback, any free port. */
  static InetSocketAddress anyLoopbackPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
