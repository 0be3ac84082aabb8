package io.rootwalk.delegation;

import io.rootwalk.Outcome;
import io.rootwalk.Provenance;
import io.rootwalk.Rejection;
import io.rootwalk.RootHints;
import io.rootwalk.ServerAddress;
import io.rootwalk.SiblingGluePolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;

/**
 * A zone cut and how to reach it: the zone, its name servers, and the addresses known for them,
 * each tagged with where it came from (Unbound's {@code delegpt}, made immutable and traceable).
 * Attempts, RTTs and lameness are not kept here but in the infrastructure cache, so one value can
 * be shared by concurrent lookups.
 *
 * <p>Two NS sets are kept apart, as Unbound keeps them: the parent's, from the referral, and the
 * child's own, from the zone's authoritative answers, which RFC 2181 section 5.4.1 ranks higher.
 * The child's names are preferred, the parent's stay as the fallback, and the child's set never
 * makes the delegation live longer than the parent's TTL (the ghost-domain rule).
 *
 * @param zone the delegated zone
 * @param nameServers the parent-side NS names, in the order the referral gave them
 * @param addresses the known addresses, in the order learned
 * @param ttlSeconds the smallest TTL among the NS RRset and the addresses
 * @param childNameServers the child-side NS names, from the zone's own servers; empty until an
 *     authoritative answer carried them
 */
public record Delegation(
    Name zone,
    List<Name> nameServers,
    List<ServerAddress> addresses,
    long ttlSeconds,
    List<Name> childNameServers) {

  /**
   * Drops repeated NS names, keeping the first of each, and copies the lists.
   *
   * @param zone the delegated zone
   * @param nameServers the parent-side NS names
   * @param addresses the known addresses
   * @param ttlSeconds the smallest TTL among the NS RRset and the addresses
   * @param childNameServers the child-side NS names
   * @throws NullPointerException if {@code zone}, a list or an element is null
   */
  public Delegation {
    Objects.requireNonNull(zone, "zone");
    nameServers = List.copyOf(new LinkedHashSet<>(nameServers));
    addresses = List.copyOf(addresses);
    childNameServers = List.copyOf(new LinkedHashSet<>(childNameServers));
  }

  /**
   * A delegation as a referral or priming describes it: the parent side only.
   *
   * @param zone the delegated zone
   * @param nameServers the NS names
   * @param addresses the known addresses
   * @param ttlSeconds the smallest TTL among the NS RRset and the addresses
   */
  public Delegation(
      Name zone, List<Name> nameServers, List<ServerAddress> addresses, long ttlSeconds) {
    this(zone, nameServers, addresses, ttlSeconds, List.of());
  }

  /**
   * Every NS name, the child's first: the order in which they are preferred.
   *
   * @return the child-side names, then the parent-side names the child did not list
   */
  public List<Name> namesInPreference() {
    if (childNameServers.isEmpty()) {
      return nameServers;
    }
    Set<Name> all = new LinkedHashSet<>(childNameServers);
    all.addAll(nameServers);
    return List.copyOf(all);
  }

  /**
   * A copy that knows the child's own NS set and the addresses its servers gave for them (tagged
   * {@link Provenance#CHILD_SIDE}). Its life is unchanged: the parent's TTL still bounds it.
   *
   * @param names the NS names of the zone's own NS RRset
   * @param found the addresses the same authoritative response gave for them
   * @return the copy
   */
  public Delegation withChildSide(List<Name> names, List<ServerAddress> found) {
    List<ServerAddress> merged = new ArrayList<>(addresses);
    for (ServerAddress a : found) {
      if (merged.stream().noneMatch(x -> x.address().equals(a.address()))) {
        merged.add(a);
      }
    }
    return new Delegation(zone, nameServers, merged, ttlSeconds, names);
  }

  /**
   * The root delegation as the hints describe it, before priming (RFC 8109): where the first lookup
   * starts, and the addresses priming falls back to.
   *
   * @param hints the configured root hints
   * @return the root zone cut, every address tagged {@link Provenance#ROOT_HINT}, with the TTL of
   *     IANA's hints file (3,600,000 seconds)
   */
  public static Delegation fromHints(RootHints hints) {
    List<Name> names = new ArrayList<>();
    List<ServerAddress> addresses = new ArrayList<>();
    for (RootHints.Server s : hints.servers()) {
      names.add(s.name());
      for (InetAddress a : s.addresses()) {
        addresses.add(new ServerAddress(s.name(), a, Provenance.ROOT_HINT, false));
      }
    }
    return new Delegation(Name.root, names, addresses, 3_600_000);
  }

  /**
   * A delegation read from a referral, with the trace's view of it and the glue set aside.
   *
   * @param delegation the child zone cut, with the glue the policy accepted
   * @param outcome the referral as the trace records it: NS names, glue used, in-domain servers
   *     that came without glue
   * @param setAside sibling glue not used because {@link SiblingGluePolicy#RESOLVE} asks for the
   *     names to be resolved instead
   */
  public record FromReferral(
      Delegation delegation, Outcome.Referral outcome, List<Rejection> setAside) {}

  /**
   * Reads a scrubbed referral from {@code referringZone}: the child's NS names (at most {@code
   * maxNameServers}) and the glue for them. Glue for a name inside the child is in-domain glue (RFC
   * 9471: required, always used); glue for a name elsewhere inside the referring zone is sibling
   * glue, used or set aside per {@code siblingGlue}. The scrubber has already dropped glue from
   * outside the referring zone's bailiwick.
   *
   * @param referringZone the zone whose server sent the referral
   * @param ns the child's NS RRset from the authority section; its owner is the child zone
   * @param addressSets the A and AAAA RRsets of the additional section, after scrubbing; those not
   *     owned by one of the NS names kept are ignored
   * @param siblingGlue whether sibling glue is used or its names are resolved
   * @param maxNameServers the most NS names kept, in referral order ({@code
   *     Limits.maxNameServersPerDelegation}): bounds the servers one referral can make the walk try
   * @return the delegation, the trace's view of the referral and the glue set aside
   */
  public static FromReferral fromReferral(
      Name referringZone,
      RRset ns,
      List<RRset> addressSets,
      SiblingGluePolicy siblingGlue,
      int maxNameServers) {
    Name child = ns.getName();
    List<Name> names = new ArrayList<>();
    for (Record r : ns.rrs(false)) {
      Name target = ((NSRecord) r).getTarget();
      if (!names.contains(target) && names.size() < maxNameServers) {
        names.add(target);
      }
    }
    long ttl = ns.getTTL();
    List<ServerAddress> addresses = new ArrayList<>();
    List<ServerAddress> glue = new ArrayList<>();
    List<Rejection> setAside = new ArrayList<>();
    for (RRset set : addressSets) {
      Name owner = set.getName();
      if (!names.contains(owner)) {
        continue;
      }
      Provenance kind =
          owner.subdomain(child) ? Provenance.IN_DOMAIN_GLUE : Provenance.SIBLING_GLUE;
      if (kind == Provenance.SIBLING_GLUE && siblingGlue == SiblingGluePolicy.RESOLVE) {
        setAside.add(
            new Rejection(
                Rejection.Section.ADDITIONAL,
                owner,
                set.getType(),
                "sibling glue set aside by policy; the name is resolved instead"));
        continue;
      }
      for (Record r : set.rrs(false)) {
        InetAddress a =
            r instanceof ARecord ? ((ARecord) r).getAddress() : ((AAAARecord) r).getAddress();
        ServerAddress address = new ServerAddress(owner, a, kind, false);
        addresses.add(address);
        glue.add(address);
      }
      ttl = Math.min(ttl, set.getTTL());
    }
    Delegation d = new Delegation(child, names, addresses, ttl);
    List<Name> glueMissing = new ArrayList<>();
    for (Name missing : d.missingAddresses()) {
      if (d.isInDomain(missing)) {
        glueMissing.add(missing);
      }
    }
    return new FromReferral(d, new Outcome.Referral(child, names, glue, glueMissing), setAside);
  }

  /**
   * The root delegation learned by priming (RFC 8109): the root's own NS set and its addresses.
   * Root servers the response gave no address for keep the hints' addresses.
   *
   * @param rootNs the root's NS RRset from the priming response's answer section
   * @param addressSets the A and AAAA RRsets of its additional section; those not owned by a root
   *     server name are ignored
   * @param hints the delegation {@link #fromHints} made
   * @return the primed root zone cut, its TTL the smallest of the NS RRset and the address RRsets
   *     the response gave
   */
  public static Delegation fromPriming(RRset rootNs, List<RRset> addressSets, Delegation hints) {
    List<Name> names = new ArrayList<>();
    for (Record r : rootNs.rrs(false)) {
      names.add(((NSRecord) r).getTarget());
    }
    long ttl = rootNs.getTTL();
    List<ServerAddress> addresses = new ArrayList<>();
    for (RRset set : addressSets) {
      if (!names.contains(set.getName())) {
        continue;
      }
      for (Record r : set.rrs(false)) {
        InetAddress a =
            r instanceof ARecord ? ((ARecord) r).getAddress() : ((AAAARecord) r).getAddress();
        addresses.add(new ServerAddress(set.getName(), a, Provenance.PRIMING, false));
      }
      ttl = Math.min(ttl, set.getTTL());
    }
    Delegation primed = new Delegation(Name.root, names, addresses, ttl);
    // RFC 8109 section 3.3: a priming response may lack some addresses; the hints still know them.
    for (Name missing : primed.missingAddresses()) {
      List<InetAddress> fromHints = new ArrayList<>();
      for (ServerAddress a : hints.addressesOf(missing)) {
        fromHints.add(a.address());
      }
      if (!fromHints.isEmpty()) {
        List<ServerAddress> merged = new ArrayList<>(primed.addresses());
        for (InetAddress a : fromHints) {
          merged.add(new ServerAddress(missing, a, Provenance.ROOT_HINT, false));
        }
        primed = new Delegation(Name.root, names, merged, ttl);
      }
    }
    return primed;
  }

  /**
   * This delegation as the public API shows it.
   *
   * @return the zone cut, with the same names, addresses and TTL
   */
  public io.rootwalk.ZoneCut toZoneCut() {
    return new io.rootwalk.ZoneCut(zone, nameServers, addresses, ttlSeconds);
  }

  /**
   * The addresses known for one name server.
   *
   * @param nameServer one of the NS names
   * @return its addresses in the order learned; empty when none is known
   */
  public List<ServerAddress> addressesOf(Name nameServer) {
    List<ServerAddress> out = new ArrayList<>();
    for (ServerAddress a : addresses) {
      if (a.nameServer().equals(nameServer)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * The NS RRset this delegation stands for, as a trace shows a cached cut.
   *
   * @return one NS record per name server, owned by the zone, with this delegation's TTL
   */
  public List<Record> nsRecords() {
    List<Record> ns = new ArrayList<>(nameServers.size());
    for (Name n : nameServers) {
      ns.add(new NSRecord(zone, DClass.IN, ttlSeconds, n));
    }
    return ns;
  }

  /**
   * The name servers that cannot be asked yet, for want of an address.
   *
   * @return the NS names for which no address is known, in NS order
   */
  public List<Name> missingAddresses() {
    Set<Name> known = new LinkedHashSet<>();
    for (ServerAddress a : addresses) {
      known.add(a.nameServer());
    }
    List<Name> out = new ArrayList<>();
    for (Name ns : namesInPreference()) {
      if (!known.contains(ns)) {
        out.add(ns);
      }
    }
    return out;
  }

  /**
   * Whether {@code nameServer} lies inside the delegated zone. Such a server can only be reached
   * through glue: resolving its name would need this very delegation (the circular dependency of
   * RFC 9471 section 2).
   *
   * @param nameServer an NS name
   * @return whether it is the zone's apex or below it
   */
  public boolean isInDomain(Name nameServer) {
    return nameServer.subdomain(zone);
  }

  /**
   * A copy with {@code found} added for {@code nameServer}, tagged {@code provenance}; addresses
   * already known for it are not added twice.
   *
   * @param nameServer the NS name the addresses belong to
   * @param found the addresses a chase found
   * @param provenance how they were learned, usually {@link Provenance#CHASED}
   * @param ttl the TTL of the found addresses, in seconds
   * @return the copy, its TTL the smaller of this delegation's and {@code ttl}
   */
  public Delegation withAddresses(
      Name nameServer, List<InetAddress> found, Provenance provenance, long ttl) {
    List<ServerAddress> merged = new ArrayList<>(addresses);
    for (InetAddress a : found) {
      ServerAddress candidate = new ServerAddress(nameServer, a, provenance, false);
      boolean present =
          merged.stream().anyMatch(x -> x.nameServer().equals(nameServer) && x.address().equals(a));
      if (!present) {
        merged.add(candidate);
      }
    }
    return new Delegation(zone, nameServers, merged, Math.min(ttlSeconds, ttl), childNameServers);
  }

  /**
   * A copy in which every address is marked as read from the cache and the TTL is what remains, so
   * that nothing derived from it can outlive the cached entry.
   *
   * @param remainingTtl the seconds the cached entry has left
   * @return the copy, its TTL the smaller of this delegation's and {@code remainingTtl}
   */
  public Delegation asCached(long remainingTtl) {
    List<ServerAddress> cached = new ArrayList<>(addresses.size());
    for (ServerAddress a : addresses) {
      cached.add(a.asCached());
    }
    return new Delegation(
        zone, nameServers, cached, Math.min(ttlSeconds, remainingTtl), childNameServers);
  }
}
