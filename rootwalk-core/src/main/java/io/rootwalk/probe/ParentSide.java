package io.rootwalk.probe;

import io.rootwalk.LookupOptions;
import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ServerAddress;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.ZoneCut;
import io.rootwalk.spi.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The parent side of the cut: walks from the root to the zone's parent as a lookup does (the zone's
 * DS lookup, which only the parent answers), then asks each of the parent's server addresses for
 * the zone's NS records, with and without EDNS(0), to see the delegation as the parent publishes
 * it.
 */
final class ParentSide {

  /** Enough parent addresses to notice one that disagrees; a TLD's 26 would add nothing. */
  private static final int MAX_PARENT_ADDRESSES = 8;

  private final Resolver resolver;
  private final DirectQueries queries;
  private final Predicate<ServerAddress> usable;

  ParentSide(Resolver resolver, DirectQueries queries, Predicate<ServerAddress> usable) {
    this.resolver = resolver;
    this.queries = queries;
    this.usable = usable;
  }

  CompletableFuture<ParentFacts> find(Name zone, LookupOptions lookup) {
    return resolver
        // CD=1: a DNSSEC failure below the parent is the zone's SOA lookup's to report; the walk
        // to the parent only has to find who delegates.
        .lookupAsync(new Question(zone, Type.DS), lookup.bypassingCache().withCheckingDisabled())
        .thenCompose(ds -> askParent(zone, ds));
  }

  private CompletableFuture<ParentFacts> askParent(Name zone, Resolution ds) {
    Optional<TraceStep.Exchange> answering = answeringExchange(ds);
    if (ds.status() == Status.SERVFAIL || answering.isEmpty()) {
      String why =
          ds.failure().map(f -> f.reason() + ": " + f.detail()).orElse("no parent server answered");
      return done(ds, Optional.empty(), "the walk to the parent failed (" + why + ")");
    }
    Name parent = answering.get().zoneCut();
    if (ds.status() == Status.NXDOMAIN) {
      return done(
          ds,
          Optional.of(parent),
          parent + "'s servers say " + zone + " does not exist (NXDOMAIN)");
    }
    List<ServerAddress> servers = parentServers(parent, answering.get().server());
    List<CompletableFuture<Probe>> asked = new ArrayList<>();
    for (ServerAddress server : servers) {
      asked.add(queries.askWhole(parent, server, zone, Type.NS, Protocol.UDP, true, false));
    }
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              List<Probe> referrals = asked.stream().map(CompletableFuture::join).toList();
              ParentFacts partial =
                  new ParentFacts(
                      ds,
                      Optional.of(parent),
                      servers,
                      referrals,
                      Optional.empty(),
                      Optional.empty());
              Optional<Probe> chosen = partial.chosen();
              if (chosen.isEmpty()) {
                String said =
                    referrals.stream()
                        .map(p -> p.server().address().getHostAddress() + " " + p.result())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("no server to ask");
                return CompletableFuture.completedFuture(
                    new ParentFacts(
                        ds,
                        Optional.of(parent),
                        servers,
                        referrals,
                        Optional.empty(),
                        Optional.of(
                            "no server of " + parent + " delegates " + zone + ": " + said)));
              }
              return queries
                  .ask(parent, chosen.get().server(), zone, Type.NS, Protocol.UDP, false, false)
                  .thenApply(
                      plain ->
                          new ParentFacts(
                              ds,
                              Optional.of(parent),
                              servers,
                              referrals,
                              Optional.of(plain),
                              Optional.empty()));
            });
  }

  /** The exchange whose answer ended the DS lookup: the parent's server, asked as the parent. */
  private static Optional<TraceStep.Exchange> answeringExchange(Resolution ds) {
    TraceStep.Exchange last = null;
    for (TraceStep.Exchange e : ds.trace().exchanges()) {
      Outcome o = e.outcome();
      boolean final_ =
          o instanceof Outcome.Answer
              || o instanceof Outcome.NoData
              || o instanceof Outcome.NxDomain;
      if (final_ && e.sent().type() == Type.DS && e.sent().name().equals(ds.question().name())) {
        last = e;
      }
    }
    return Optional.ofNullable(last);
  }

  /** The parent's addresses the cache now knows, the one that answered first. */
  private List<ServerAddress> parentServers(Name parent, ServerAddress answered) {
    Map<java.net.InetAddress, ServerAddress> byAddress = new LinkedHashMap<>();
    byAddress.put(answered.address(), answered);
    Optional<ZoneCut> cut = resolver.closestZoneCut(parent);
    if (cut.isPresent() && cut.get().zone().equals(parent)) {
      for (ServerAddress a : cut.get().addresses()) {
        if (usable.test(a)) {
          byAddress.putIfAbsent(a.address(), a);
        }
      }
    }
    return byAddress.values().stream()
        .limit(MAX_PARENT_ADDRESSES)
        .map(
            a ->
                a.cached()
                    ? new ServerAddress(a.nameServer(), a.address(), a.provenance(), false)
                    : a)
        .toList();
  }

  private static CompletableFuture<ParentFacts> done(
      Resolution ds, Optional<Name> parent, String problem) {
    return CompletableFuture.completedFuture(
        new ParentFacts(ds, parent, List.of(), List.of(), Optional.empty(), Optional.of(problem)));
  }
}
