package io.rootwalk.secondlevel;

import io.rootwalk.Provenance;
import io.rootwalk.ServerAddress;
import io.rootwalk.cache.CachePolicy;
import io.rootwalk.cache.NegativeAnswer;
import io.rootwalk.delegation.Delegation;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The scrubber for entries read back from the shared store, which any resolver of the fleet (or
 * anyone who can reach the store) may have written: the same rules the bailiwick scrubber applies
 * to a response, applied again. An entry is used only if it is what its key promises (owner, type,
 * table), if its owner lies within the zone it claims and no cut known below that zone takes the
 * name away from it, if glue stays glue, and if its bounds hold; its TTL is the least of what the
 * store has left, what its records say and the resolver's own maximum.
 */
final class EntryCheck {

  /** What came of checking one entry. */
  sealed interface Verdict {}

  /**
   * Used, for this many seconds.
   *
   * @param entry the entry
   * @param ttlSeconds its TTL from now, at least 1
   */
  record Accepted(StoredEntry entry, long ttlSeconds) implements Verdict {}

  /**
   * Not used.
   *
   * @param reason why, in words, for the trace
   */
  record Rejected(String reason) implements Verdict {}

  private final CachePolicy policy;
  private final int maxNameServers;

  /**
   * @param policy the resolver's TTL bounds
   * @param maxNameServers the resolver's limit of NS names per zone cut
   */
  EntryCheck(CachePolicy policy, int maxNameServers) {
    this.policy = policy;
    this.maxNameServers = maxNameServers;
  }

  /**
   * Checks {@code entry}, read under {@code key} with {@code remainingMillis} left in the store.
   *
   * @param closestCut the zone of the deepest cut the resolver knows at or above a name
   */
  Verdict check(
      EntryKey key,
      StoredEntry entry,
      long remainingMillis,
      Function<Name, Optional<Name>> closestCut) {
    long storeSeconds = remainingMillis / 1000;
    if (storeSeconds < 1) {
      return new Rejected("less than a second left");
    }
    if (entry instanceof StoredEntry.Answer a) {
      return answer(key, a, storeSeconds, closestCut);
    }
    if (entry instanceof StoredEntry.Denial d) {
      return denial(key, d, storeSeconds, closestCut);
    }
    return delegation(key, ((StoredEntry.Delegated) entry).delegation(), storeSeconds);
  }

  private Verdict answer(
      EntryKey key,
      StoredEntry.Answer a,
      long storeSeconds,
      Function<Name, Optional<Name>> closestCut) {
    RRset rrset = a.rrset();
    if (key.table() != EntryKey.Table.ANSWER) {
      return new Rejected("an RRset under a " + key.table() + " key");
    }
    if (!a.rank().answerable()) {
      // Glue and referral data are kept to reach servers, never returned (RFC 2181 5.4.1).
      return new Rejected("rank " + a.rank() + " is not an answer");
    }
    if (!rrset.getName().equals(key.name()) || rrset.getType() != key.type()) {
      return new Rejected(
          "holds " + rrset.getName() + " " + Type.string(rrset.getType()) + ", not " + key);
    }
    if (rrset.getDClass() != DClass.IN) {
      return new Rejected("class is not IN");
    }
    Optional<String> outside = outsideZone(rrset.getName(), rrset.getType(), a.zone(), closestCut);
    if (outside.isPresent()) {
      return new Rejected(outside.get());
    }
    long ttl = Math.min(storeSeconds, policy.clampTtl(rrset.getTTL()));
    return ttl < 1 ? new Rejected("TTL 0") : new Accepted(a, ttl);
  }

  private Verdict denial(
      EntryKey key,
      StoredEntry.Denial d,
      long storeSeconds,
      Function<Name, Optional<Name>> closestCut) {
    EntryKey.Table expected =
        d.kind() == NegativeAnswer.Kind.NXDOMAIN ? EntryKey.Table.NXDOMAIN : EntryKey.Table.NODATA;
    if (key.table() != expected
        || !d.name().equals(key.name())
        || (expected == EntryKey.Table.NODATA && d.type() != key.type())) {
      return new Rejected("a " + d.kind() + " for " + d.name() + " under " + key);
    }
    if (d.soa().getDClass() != DClass.IN) {
      return new Rejected("class is not IN");
    }
    Optional<String> outside = outsideZone(d.name(), d.type(), d.zone(), closestCut);
    if (outside.isPresent()) {
      return new Rejected(outside.get());
    }
    for (Record r : d.proof()) {
      int t = r.getType();
      if ((t != Type.NSEC && t != Type.NSEC3 && t != Type.RRSIG)
          || !r.getName().subdomain(d.zone())) {
        return new Rejected(
            "proof record " + r.getName() + " " + Type.string(t) + " does not belong");
      }
    }
    long soaTtl = Math.min(d.soa().getTTL(), d.soa().getMinimum());
    long ttl = Math.min(storeSeconds, policy.clampNegativeTtl(soaTtl));
    return ttl < 1 ? new Rejected("TTL 0") : new Accepted(d, ttl);
  }

  private Verdict delegation(EntryKey key, Delegation d, long storeSeconds) {
    if (key.table() != EntryKey.Table.DELEGATION || !d.zone().equals(key.name())) {
      return new Rejected("the cut of " + d.zone() + " under " + key);
    }
    if (d.zone().equals(Name.root)) {
      return new Rejected("the root comes from the resolver's own hints and priming");
    }
    if (d.nameServers().isEmpty() || d.nameServers().size() > maxNameServers) {
      return new Rejected(d.nameServers().size() + " NS names");
    }
    for (ServerAddress s : d.addresses()) {
      Name ns = s.nameServer();
      boolean parentSide = d.nameServers().contains(ns);
      boolean childSide = d.childNameServers().contains(ns);
      if (!parentSide && !childSide) {
        return new Rejected("an address for " + ns + ", which is not a name server of the cut");
      }
      Provenance p = s.provenance();
      if (p == Provenance.ROOT_HINT || p == Provenance.PRIMING) {
        return new Rejected("root-hint or priming addresses below the root");
      }
      if (p == Provenance.IN_DOMAIN_GLUE && !ns.subdomain(d.zone())) {
        return new Rejected("in-domain glue for " + ns + ", outside " + d.zone());
      }
      if (p == Provenance.CHILD_SIDE && !childSide) {
        return new Rejected("a child-side address for " + ns + ", not in the child's NS set");
      }
    }
    long ttl = Math.min(storeSeconds, policy.clampTtl(d.ttlSeconds()));
    if (ttl < 1) {
      return new Rejected("TTL 0");
    }
    return new Accepted(new StoredEntry.Delegated(withTtl(d, ttl)), ttl);
  }

  private static Delegation withTtl(Delegation d, long ttl) {
    return new Delegation(d.zone(), d.nameServers(), d.addresses(), ttl, d.childNameServers());
  }

  /**
   * Why data for {@code owner} cannot have come from {@code zone}: the owner is outside it, or a
   * cut the resolver knows lies between them, so the zone's servers are not the ones to say it. A
   * DS belongs to the parent side of its cut (RFC 4035 section 3.1.4).
   */
  private static Optional<String> outsideZone(
      Name owner, int type, Name zone, Function<Name, Optional<Name>> closestCut) {
    if (!owner.subdomain(zone)) {
      return Optional.of(owner + " is outside its zone " + zone);
    }
    Name ruledBy = type == Type.DS && owner.labels() > 1 ? new Name(owner, 1) : owner;
    Optional<Name> cut = closestCut.apply(ruledBy);
    if (cut.isPresent() && !cut.get().equals(zone) && cut.get().subdomain(zone)) {
      return Optional.of(
          zone + " does not serve " + owner + ": the cut " + cut.get() + " is between");
    }
    return Optional.empty();
  }
}
