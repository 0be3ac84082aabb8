package io.rootwalk.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.LabResolvers;
import io.rootwalk.Provenance;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverInternals;
import io.rootwalk.ServerAddress;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.CacheContents;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.net.NioTransport;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.LabServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The engine's response path under fire: every server of the demo world gets a conduct of its own
 * ({@link Lies}: honest, lying in rounds, garbage, drops, SERVFAIL, REFUSED, upward referrals,
 * truncation, FORMERR on EDNS), then a fresh resolver looks up one to three names. Whatever the
 * servers say:
 *
 * <ul>
 *   <li>every lookup ends by its deadline (a bounded wait on its future, with room for a loaded
 *       machine), with a {@link Resolution}, never an exception; a SERVFAIL has a failure, and that
 *       failure is never the engine's own "internal error";
 *   <li>nothing out of bailiwick is cached: a record marked by server S (see {@link Lies}) is in
 *       the cache only if its owner is at or below a zone the resolver asked S as (the trace says
 *       which zone each exchange was asked as), and the same holds for marked NS names and glue in
 *       the delegation cache. Every cached record is of class IN.
 * </ul>
 *
 * <p>{@code mvn verify} runs a slice of a few seconds; {@code -Drootwalk.fuzz.tries=N} a longer run
 * (rootwalk-benchmarks/README.md, "Fuzzing"). A failure prints its seed: {@code
 * -Drootwalk.fuzz.seed=...} replays it.
 */
@AddLifecycleHook(FuzzTries.class)
class HostileUpstreamFuzzTest {

  private static final Duration QUERY_TIMEOUT = Duration.ofMillis(100);
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final Duration MARGIN = Duration.ofSeconds(3);

  /** Glue and child-side addresses are taken from responses; the others come from elsewhere. */
  private static final Set<Provenance> FROM_RESPONSES =
      Set.of(
          Provenance.PRIMING,
          Provenance.IN_DOMAIN_GLUE,
          Provenance.SIBLING_GLUE,
          Provenance.CHILD_SIDE);

  private static final List<String> NAMES =
      List.of(
          "www.example.com",
          "example.com",
          "blog.example.com",
          "v2.api.example.com",
          "www.shop.com",
          "nope.example.com",
          "mail.example.com",
          "x.wild.example.net",
          "www.org.example.net",
          "www.lame.com",
          "www.sibling.com",
          "www.example.org",
          "com");

  private static final List<Integer> TYPES =
      List.of(Type.A, Type.AAAA, Type.MX, Type.NS, Type.TXT, Type.CNAME, Type.SOA);

  private static DnsLab lab;
  private static NioTransport sockets;
  private static LoopbackOnlyTransport transport;

  record Lookup(String name, int type) {
    @Override
    public String toString() {
      return name + " " + Type.string(type);
    }
  }

  @BeforeContainer
  static void start() {
    lab = DnsLab.start(DemoWorld.world());
    sockets = new NioTransport();
    transport = new LoopbackOnlyTransport(sockets);
  }

  @AfterContainer
  static void stop() {
    sockets.close();
    lab.close();
  }

  @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
  void whateverServersSayLookupsEndInTimeAndNothingOutOfBailiwickIsCached(
      @ForAll("conducts") List<Lies.Behaviour> conducts, @ForAll("lookups") List<Lookup> lookups)
      throws InterruptedException {
    List<LabServer> servers = lab.servers();
    Plants plants = new Plants();
    for (int i = 0; i < servers.size(); i++) {
      servers.get(i).fault(conducts.get(i).faults(i, plants));
    }
    try (Resolver resolver =
        LabResolvers.builderFor(lab)
            .queryTimeout(QUERY_TIMEOUT)
            .deadline(DEADLINE)
            .ipFamily(IpFamilyPolicy.IPV4_ONLY)
            .transport(transport)
            .build()) {
      Map<InetAddress, Set<Name>> askedAs = new HashMap<>();
      for (Lookup lookup : lookups) {
        Resolution r = lookUpInTime(resolver, lookup);
        Statistics.label("outcome").collect(r.status());

        assertThat(r.failure().isPresent())
            .as("%s: %s", lookup, r)
            .isEqualTo(r.status() == Status.SERVFAIL);
        r.failure()
            .ifPresent(
                f ->
                    assertThat(f.detail())
                        .as("%s: %s", lookup, r)
                        .doesNotContain("internal error"));
        for (TraceStep step : r.trace().flatten()) {
          if (step instanceof TraceStep.Exchange e) {
            askedAs.computeIfAbsent(e.server().address(), a -> new HashSet<>()).add(e.zoneCut());
          }
        }
        assertThat(outOfBailiwick(ResolverInternals.cache(resolver), plants, askedAs))
            .as("cached out of bailiwick after %s (servers asked as: %s)", lookup, askedAs)
            .isEmpty();
      }
    } finally {
      servers.forEach(LabServer::clearFaults);
    }
  }

  @Provide
  Arbitrary<List<Lies.Behaviour>> conducts() {
    return Lies.behaviours().list().ofSize(lab.servers().size());
  }

  @Provide
  Arbitrary<List<Lookup>> lookups() {
    return Combinators.combine(
            Arbitraries.of(NAMES),
            Arbitraries.of(TYPES),
            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)),
            Arbitraries.integers().between(0, 99))
        .as(
            (name, type, fresh, n) ->
                new Lookup(fresh ? "n" + n + "." + name : name, type)) // a name no cache has
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  /** The lookup's result, waiting no longer than its deadline and a margin. */
  private static Resolution lookUpInTime(Resolver resolver, Lookup lookup)
      throws InterruptedException {
    CompletableFuture<Resolution> future = resolver.lookupAsync(lookup.name(), lookup.type());
    try {
      Resolution r = future.get(DEADLINE.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
      assertThat(r).as("%s", lookup).isNotNull();
      return r;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError(lookup + " did not end within its deadline of " + DEADLINE, e);
    } catch (ExecutionException e) {
      throw new AssertionError("an exception escaped the lookup of " + lookup, e.getCause());
    }
  }

  /** What the cache holds that a server vouched for outside the zones it was asked as. */
  private static List<String> outOfBailiwick(
      ResolverCache cache, Plants plants, Map<InetAddress, Set<Name>> askedAs) {
    List<String> found = new ArrayList<>();
    for (RRset set : CacheContents.rrsets(cache)) {
      for (Record record : set.rrs(false)) {
        if (record.getDClass() != DClass.IN) {
          found.add("not class IN: " + record);
        }
        check(plants.of(record), record.getName(), askedAs, "record " + record, found);
      }
    }
    for (Delegation d : CacheContents.delegations(cache)) {
      List<Name> names = new ArrayList<>(d.nameServers());
      names.addAll(d.childNameServers());
      for (Name ns : names) {
        check(
            plants.ofNs(d.zone(), ns),
            d.zone(),
            askedAs,
            "delegation of " + d.zone() + " to " + ns,
            found);
      }
      for (ServerAddress a : d.addresses()) {
        if (FROM_RESPONSES.contains(a.provenance())) {
          check(
              plants.ofAddress(a.nameServer(), a.address()),
              a.nameServer(),
              askedAs,
              "address " + a,
              found);
        }
      }
    }
    return found;
  }

  private static void check(
      OptionalInt mark,
      Name owner,
      Map<InetAddress, Set<Name>> askedAs,
      String what,
      List<String> found) {
    if (mark.isEmpty()) {
      return;
    }
    LabServer liar = lab.servers().get(mark.getAsInt());
    Set<Name> zones = askedAs.getOrDefault(liar.address(), Set.of());
    if (zones.stream().noneMatch(owner::subdomain)) {
      found.add(what + " from " + liar.name() + ", asked as " + zones);
    }
  }
}
