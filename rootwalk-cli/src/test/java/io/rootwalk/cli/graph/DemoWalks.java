package io.rootwalk.cli.graph;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.Fault;
import java.time.Duration;
import org.xbill.DNS.Type;

/**
 * The demo hierarchy's walks the picture tests draw: each starts a resolver on the lab's own root
 * hints and port, so nothing leaves 127.53.0.0/16.
 */
final class DemoWalks {

  private DemoWalks() {}

  static Resolver resolver(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port())
        .queryTimeout(Duration.ofMillis(300))
        .build();
  }

  /** www.shop.com A: com. refers without glue, so ns1.dnshost.net. is chased. */
  static Resolution chasedNameServer(DnsLab lab) {
    try (Resolver resolver = resolver(lab)) {
      return resolver.lookup("www.shop.com", Type.A);
    }
  }

  /**
   * lame.com SOA after www.lame.com A: the second lookup starts from the cached lame.com. cut (a
   * cache hit) and asks the not yet measured ns2.lame.com. first, which REFUSES.
   */
  static Resolution lameServerAfterCacheHit(DnsLab lab) {
    try (Resolver resolver = resolver(lab)) {
      resolver.lookup("www.lame.com", Type.A);
      return resolver.lookup("lame.com", Type.SOA);
    }
  }

  /** www.example.com A with a.root-servers.net. silent: priming it times out. */
  static Resolution timedOutRootServer(DnsLab lab) {
    lab.server(DemoWorld.A_ROOT).fault(Fault.drop());
    try (Resolver resolver = resolver(lab)) {
      return resolver.lookup("www.example.com", Type.A);
    }
  }
}
