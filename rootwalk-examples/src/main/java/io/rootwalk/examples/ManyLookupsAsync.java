package io.rootwalk.examples;

import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.Status;
import io.rootwalk.testing.DnsLab;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * Fifty lookups at once with {@link Resolver#lookupAsync}: no thread waits per lookup, and lookups
 * of names in the same zone share what the cache learns. Runs against the demo lab.
 */
public final class ManyLookupsAsync {

  private ManyLookupsAsync() {}

  public static void main(String[] args) {
    try (DnsLab lab = DemoLab.start();
        Resolver resolver = DemoLab.resolverFor(lab).build()) {
      run(resolver, demoNames(50), System.out);
    }
  }

  /** Names across the demo zones: some exist, some do not (NXDOMAIN), one is broken (SERVFAIL). */
  public static List<String> demoNames(int count) {
    String[] zones = {
      "example.com", "shop.com", "example.org", "api.example.com", "lame.com", "example.net"
    };
    String[] hosts = {"www", "mail", "nope", "v2", "blog"};
    List<String> names = new ArrayList<>();
    for (int i = 0; names.size() < count; i++) {
      names.add(hosts[i % hosts.length] + "." + zones[(i / hosts.length) % zones.length]);
    }
    names.set(count - 1, "www.broken.com");
    return names;
  }

  /** Starts every lookup, waits for all of them once, and prints a tally by status. */
  public static Map<Status, Integer> run(Resolver resolver, List<String> names, PrintStream out) {
    List<CompletableFuture<Resolution>> futures = new ArrayList<>();
    for (String name : names) {
      futures.add(resolver.lookupAsync(name, Type.A)); // returns at once
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .join(); // always completes normally
    Map<Status, Integer> tally = new EnumMap<>(Status.class);
    for (CompletableFuture<Resolution> f : futures) {
      Resolution r = f.join();
      tally.merge(r.status(), 1, Integer::sum);
      out.println(r.question() + " -> " + r.status() + " " + r.addresses());
    }
    out.println("by status: " + tally);
    return tally;
  }
}
