package io.rootwalk.examples;

import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;

/**
 * The examples' offline playground: the demo hierarchy on 127.53.x.x, and a resolver builder
 * pointed at it instead of the real root servers. In your own code, {@code Resolver.builder()}
 * alone walks the internet from IANA's root hints.
 */
public final class DemoLab {

  private DemoLab() {}

  /** Starts the demo world in this JVM; close it when done. */
  public static DnsLab start() {
    return DnsLab.start(DemoWorld.world());
  }

  /** A builder walking {@code lab}: its root hints file and its shared port. */
  public static ResolverBuilder resolverFor(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port());
  }
}
