package io.rootwalk.examples;

import io.rootwalk.Limits;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.SiblingGluePolicy;
import io.rootwalk.testing.DnsLab;
import java.io.PrintStream;
import java.time.Duration;
import org.xbill.DNS.Type;

/**
 * A resolver tuned away from the defaults: tighter work limits, a smaller cache with clamped TTLs,
 * shorter timeouts, and sibling glue re-resolved instead of trusted.
 */
public final class CustomResolver {

  private CustomResolver() {}

  public static void main(String[] args) {
    try (DnsLab lab = DemoLab.start();
        Resolver resolver = configure(DemoLab.resolverFor(lab)).build()) {
      run(resolver, System.out);
    }
  }

  /** The settings; start from {@code Resolver.builder()} in your code (IANA root hints). */
  public static ResolverBuilder configure(ResolverBuilder builder) {
    return builder
        .limits(
            Limits.DEFAULT
                .withMaxUpstreamQueries(50) // a lookup may send at most 50 queries, chases included
                .withMaxAliasHops(4)) // and follow at most 4 CNAMEs
        .maxCacheEntries(10_000) // per cache: RRsets, negative answers, delegations
        .minTtl(Duration.ofSeconds(30)) // keep even TTL=5 records for 30 s
        .maxTtl(Duration.ofHours(6)) // and nothing longer than 6 h
        .maxNegativeTtl(Duration.ofMinutes(5))
        .queryTimeout(Duration.ofMillis(800)) // per upstream exchange
        .deadline(Duration.ofSeconds(3)) // per lookup, always honoured
        .siblingGlue(SiblingGluePolicy.RESOLVE); // strict: look sibling glue up separately
  }

  public static Resolution run(Resolver resolver, PrintStream out) {
    Resolution r = resolver.lookup("www.example.com", Type.A);
    out.println(r.question() + " -> " + r.status() + " " + r.addresses());
    out.println("spent " + r.trace().spent());
    out.print(r.trace().render());
    return r;
  }
}
