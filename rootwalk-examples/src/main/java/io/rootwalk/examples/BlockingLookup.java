package io.rootwalk.examples;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DnsLab;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * The simplest use: one blocking lookup, then the answer or why there is none.
 *
 * <p>{@code java -cp rootwalk-cli/target/rootwalk.jar:rootwalk-examples/target/classes
 * io.rootwalk.examples.BlockingLookup} runs against the demo lab; {@code ... BlockingLookup
 * example.org} resolves on the internet from IANA's root hints.
 */
public final class BlockingLookup {

  private BlockingLookup() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      try (Resolver resolver = Resolver.builder().build()) { // IANA root hints: the real internet
        run(resolver, args[0], System.out);
      }
      return;
    }
    try (DnsLab lab = DemoLab.start();
        Resolver resolver = DemoLab.resolverFor(lab).build()) {
      run(resolver, "www.example.com", System.out);
    }
  }

  /** Looks {@code name} up for A records and prints what came back. */
  public static Resolution run(Resolver resolver, String name, PrintStream out) {
    Resolution r =
        resolver.lookup(name, Type.A); // blocks until done; never throws for DNS failures
    switch (r.status()) {
      case NOERROR:
        List<String> addresses = new ArrayList<>();
        r.addresses().forEach(a -> addresses.add(a.getHostAddress()));
        out.println(name + " -> " + addresses + " (canonical name " + r.canonicalName() + ")");
        break;
      case NXDOMAIN:
      case NODATA:
        out.println(
            name
                + ": "
                + r.status()
                + r.soa().map(soa -> ", per the zone " + soa.getName()).orElse(""));
        break;
      default:
        out.println(name + ": SERVFAIL, " + r.failure().orElseThrow());
    }
    out.println(
        "  "
            + r.trace().upstreamQueries()
            + " upstream queries, "
            + r.trace().zoneCuts()
            + " zone cuts");
    return r;
  }
}
