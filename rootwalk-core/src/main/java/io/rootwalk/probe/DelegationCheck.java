package io.rootwalk.probe;

import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.LookupOptions;
import io.rootwalk.Provenance;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ServerAddress;
import io.rootwalk.check.AddressSource;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Finding;
import io.rootwalk.spi.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Checks one zone's delegation, Zonemaster's job done as a resolver would: walk to the parent, take
 * its referral, then ask every address of every name server (the parent's and the zone's own, found
 * in rounds as the answers name more) the same fixed questions, and judge the facts.
 *
 * <p>States, in order: PARENT ({@link ParentSide}: the DS lookup and the referrals), then up to
 * {@value #ROUNDS} rounds of NAMES (look up the A and AAAA of NS names not yet looked up) and PROBE
 * ({@link AddressProbe} on addresses not yet asked), each round adding the NS names and addresses
 * the zone's servers gave; then JUDGE (the rules, on {@link CheckFacts}) and REPORT. The zone's SOA
 * is looked up from the root alongside, for {@code DELEGATION_BROKEN}.
 */
public final class DelegationCheck {

  /** Parent names, then names the apex added, then (rarely) names only those servers gave. */
  private static final int ROUNDS = 3;

  private final Resolver resolver;
  private final Transport transport;
  private final int port;
  private final IpFamilyPolicy family;

  /**
   * A check that walks with {@code resolver} and queries servers directly over {@code transport}.
   *
   * @param resolver the resolver whose lookups walk to the parent and find server addresses
   * @param transport its transport, for the direct queries
   * @param port the port servers are asked on (the resolver's upstream port)
   * @param family which address families may be asked
   */
  public DelegationCheck(Resolver resolver, Transport transport, int port, IpFamilyPolicy family) {
    this.resolver = resolver;
    this.transport = transport;
    this.port = port;
    this.family = family;
  }

  /**
   * Checks {@code zone}.
   *
   * @param zone an absolute name below the root
   * @param options the bounds
   * @return completes normally with the report, within the options' deadline give or take one query
   *     timeout
   * @throws IllegalArgumentException for the root, which has no parent
   */
  public CompletableFuture<DelegationReport> run(Name zone, CheckOptions options) {
    if (zone.equals(Name.root)) {
      throw new IllegalArgumentException(
          "the root zone has no parent delegation to check; name a zone below it");
    }
    return new Run(zone, options).start();
  }

  private boolean usable(InetAddress address) {
    return address instanceof Inet4Address ? family.allowsIpv4() : family.allowsIpv6();
  }

  /** One check's state; its stages run one after another. */
  private final class Run {
    final Name zone;
    final CheckOptions options;
    final long startNanos = System.nanoTime();
    final long deadlineNanos;
    final DirectQueries queries;
    final Map<Name, NameFacts> names = new LinkedHashMap<>();
    final Map<InetAddress, AddressFacts> probes = new LinkedHashMap<>();
    final List<Resolution> lookups = new ArrayList<>();
    ParentFacts parent;
    AddressProbe probe;

    Run(Name zone, CheckOptions options) {
      this.zone = zone;
      this.options = options;
      this.deadlineNanos = startNanos + options.deadline().toNanos();
      this.queries =
          new DirectQueries(
              transport, port, options.queryTimeout(), deadlineNanos, options.parallelQueries());
    }

    CompletableFuture<DelegationReport> start() {
      CompletableFuture<Resolution> zoneSoa =
          resolver.lookupAsync(new Question(zone, Type.SOA), lookupOptions().bypassingCache());
      return new ParentSide(resolver, queries, a -> usable(a.address()))
          .find(zone, lookupOptions())
          .thenCompose(this::fromParent)
          .thenCombine(zoneSoa, (v, soa) -> report(soa));
    }

    private LookupOptions lookupOptions() {
      long left = Math.max(1, deadlineNanos - System.nanoTime());
      return LookupOptions.defaults().withTimeout(Duration.ofNanos(left));
    }

    private CompletableFuture<Void> fromParent(ParentFacts facts) {
      parent = facts;
      lookups.add(facts.dsLookup());
      if (facts.chosen().isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      // RD=1 for the parent's apex: outside the zone, and resolvable wherever the zone is.
      probe = new AddressProbe(zone, facts.parentZone().orElseThrow(), options, queries);
      for (Name name : facts.nameServers()) {
        name(name).ifPresent(n -> n.listedByParent = true);
      }
      for (org.xbill.DNS.Record glue : facts.glue()) {
        NameFacts n = names.get(glue.getName());
        if (n != null) {
          n.add(Glue.address(glue), AddressSource.GLUE);
        }
      }
      return round(1);
    }

    /**
     * The facts of an NS name, new if need be; empty once {@link CheckOptions#maxNameServers()}
     * names are known, so a referral or apex listing hundreds of names costs no more than 16.
     */
    private Optional<NameFacts> name(Name name) {
      NameFacts known = names.get(name);
      if (known != null) {
        return Optional.of(known);
      }
      if (names.size() >= options.maxNameServers()) {
        return Optional.empty();
      }
      NameFacts added = new NameFacts(name);
      names.put(name, added);
      return Optional.of(added);
    }

    private CompletableFuture<Void> round(int round) {
      List<NameFacts> toLookUp =
          names.values().stream().limit(options.maxNameServers()).filter(n -> !n.lookedUp).toList();
      List<CompletableFuture<Resolution>> asked = new ArrayList<>();
      List<NameFacts> owners = new ArrayList<>();
      for (NameFacts n : toLookUp) {
        n.lookedUp = true;
        for (int type : addressTypes()) {
          asked.add(resolver.lookupAsync(new Question(n.name, type), lookupOptions()));
          owners.add(n);
        }
      }
      return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
          .thenCompose(
              v -> {
                for (int i = 0; i < asked.size(); i++) {
                  Resolution r = asked.get(i).join();
                  NameFacts n = owners.get(i);
                  n.lookups.add(r);
                  lookups.add(r);
                  Glue.addressesOf(r.canonicalName(), r.answers())
                      .forEach(a -> n.add(a, AddressSource.RESOLVED));
                }
                return probeNew();
              })
          .thenCompose(
              v -> {
                boolean more =
                    names.values().stream()
                            .limit(options.maxNameServers())
                            .anyMatch(n -> !n.lookedUp)
                        || !unprobed().isEmpty();
                return round < ROUNDS && more
                    ? round(round + 1)
                    : CompletableFuture.completedFuture(null);
              });
    }

    private int[] addressTypes() {
      if (!family.allowsIpv6()) {
        return new int[] {Type.A};
      }
      return family.allowsIpv4() ? new int[] {Type.A, Type.AAAA} : new int[] {Type.AAAA};
    }

    /** Addresses known but not yet asked, within the bound, each with the name it is asked as. */
    private Map<InetAddress, ServerAddress> unprobed() {
      Map<InetAddress, ServerAddress> out = new LinkedHashMap<>();
      int room = options.maxAddresses() - probes.size();
      List<NameFacts> considered = names.values().stream().limit(options.maxNameServers()).toList();
      for (NameFacts n : considered) {
        for (Map.Entry<InetAddress, Set<AddressSource>> e : n.addresses.entrySet()) {
          InetAddress a = e.getKey();
          if (out.size() < room && usable(a) && !probes.containsKey(a) && !out.containsKey(a)) {
            out.put(a, new ServerAddress(n.name, a, provenance(n.name, e.getValue()), false));
          }
        }
      }
      return out;
    }

    private Provenance provenance(Name name, Set<AddressSource> sources) {
      if (sources.contains(AddressSource.GLUE)) {
        return name.subdomain(zone) ? Provenance.IN_DOMAIN_GLUE : Provenance.SIBLING_GLUE;
      }
      return sources.contains(AddressSource.RESOLVED) ? Provenance.CHASED : Provenance.CHILD_SIDE;
    }

    private CompletableFuture<Void> probeNew() {
      Set<Name> inZone = new TreeSet<>();
      names.keySet().stream().filter(n -> n.subdomain(zone)).forEach(inZone::add);
      List<CompletableFuture<AddressFacts>> running = new ArrayList<>();
      for (ServerAddress server : unprobed().values()) {
        running.add(probe.run(server, inZone));
      }
      return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
          .thenRun(
              () -> {
                for (CompletableFuture<AddressFacts> f : running) {
                  learn(f.join());
                }
              });
    }

    /** What one server's answers add: the apex NS names, and in-zone names' addresses. */
    private void learn(AddressFacts facts) {
      probes.put(facts.address(), facts);
      for (Name ns : facts.apexNameServers()) {
        name(ns).ifPresent(n -> n.listedByChild = true);
      }
      facts
          .childAddresses()
          .forEach(
              (ns, addresses) -> {
                NameFacts n = names.get(ns);
                if (n != null) {
                  addresses.forEach(a -> n.add(a, AddressSource.CHILD));
                }
              });
    }

    private DelegationReport report(Resolution zoneSoa) {
      lookups.add(zoneSoa);
      CheckFacts facts =
          new CheckFacts(
              zone,
              options,
              parent,
              List.copyOf(names.values()),
              java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probes)),
              zoneSoa);
      List<Finding> findings = new ArrayList<>();
      findings.addAll(DelegationFindings.of(facts));
      findings.addAll(ServerFindings.of(facts));
      findings.addAll(NameServerSetFindings.of(facts));
      findings.addAll(TopologyFindings.of(facts));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      return CheckReport.of(facts, findings, lookups, queries, elapsed);
    }
  }
}
