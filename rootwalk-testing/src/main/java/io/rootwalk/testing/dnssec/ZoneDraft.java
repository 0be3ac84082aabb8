package io.rootwalk.testing.dnssec;

import io.rootwalk.testing.ZoneSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One zone while {@link WorldSigner} works on it: RRsets (each with its signatures) by owner and
 * type, in the order the zone text first named them. It knows which names are delegation points and
 * which lie below one, since that decides what is signed (RFC 4035 section 2.2) and what the denial
 * chain holds (RFC 4035 section 2.3, RFC 5155 section 7.1). Mutable, and never shared: the signer
 * hands out only the {@link ZoneSpec} it turns into.
 */
final class ZoneDraft {

  /** Types a signer makes itself; an input zone holding them is already signed. */
  private static final Set<Integer> SIGNER_TYPES =
      Set.of(Type.RRSIG, Type.NSEC, Type.NSEC3, Type.NSEC3PARAM, Type.DNSKEY);

  private final Name origin;
  private final Map<Name, Map<Integer, RRset>> nodes = new LinkedHashMap<>();

  private ZoneDraft(Name origin) {
    this.origin = origin;
  }

  /**
   * The zone's records grouped into RRsets.
   *
   * @throws IllegalArgumentException if the zone already holds DNSSEC records a signer makes
   */
  static ZoneDraft of(ZoneSpec spec) {
    ZoneDraft draft = new ZoneDraft(spec.origin());
    for (Record r : spec.records()) {
      if (SIGNER_TYPES.contains(r.getType())) {
        throw new IllegalArgumentException(
            "zone " + spec.origin() + " is already signed: it holds " + r);
      }
      draft.add(r);
    }
    return draft;
  }

  Name origin() {
    return origin;
  }

  SOARecord soa() {
    return (SOARecord) rrset(origin, Type.SOA).orElseThrow().first();
  }

  /**
   * The TTL of NSEC and NSEC3 records: the lesser of the SOA's MINIMUM field and the SOA's own TTL,
   * the TTL of a negative answer (RFC 4034 section 4, RFC 5155 section 3, as updated by RFC 9077
   * section 3). It is the SOA minimum whenever the SOA's TTL is not lower.
   */
  long negativeTtl() {
    SOARecord soa = soa();
    return Math.min(soa.getTTL(), soa.getMinimum());
  }

  void add(Record record) {
    Map<Integer, RRset> node = nodes.computeIfAbsent(record.getName(), n -> new LinkedHashMap<>());
    node.computeIfAbsent(record.getRRsetType(), t -> new RRset()).addRR(record);
  }

  Optional<RRset> rrset(Name owner, int type) {
    return Optional.ofNullable(nodes.getOrDefault(owner, Map.of()).get(type));
  }

  /** Replaces the RRset of the same owner and type (signatures included) with {@code rrset}. */
  void put(RRset rrset) {
    nodes
        .computeIfAbsent(rrset.getName(), n -> new LinkedHashMap<>())
        .put(rrset.getType(), new RRset(rrset));
  }

  void remove(Name owner, int type) {
    Map<Integer, RRset> node = nodes.get(owner);
    if (node != null) {
      node.remove(type);
    }
  }

  /** Every RRset, in zone order. */
  List<RRset> rrsets() {
    List<RRset> all = new ArrayList<>();
    nodes.values().forEach(n -> all.addAll(n.values()));
    return all;
  }

  /** The types at {@code owner}, signatures not counted. */
  Set<Integer> types(Name owner) {
    return new TreeSet<>(nodes.getOrDefault(owner, Map.of()).keySet());
  }

  /** A delegation point: a name other than the apex that owns NS records (RFC 1034 4.2.1). */
  boolean isCut(Name name) {
    return !name.equals(origin) && rrset(name, Type.NS).isPresent();
  }

  /** A delegation point with no DS: a validator goes insecure below it (RFC 4035 5.2). */
  boolean isUnsignedCut(Name name) {
    return isCut(name) && rrset(name, Type.DS).isEmpty();
  }

  /** Strictly below a delegation point: glue or occluded data, neither signed nor chained. */
  boolean isBelowCut(Name name) {
    for (Name n = parent(name); n != null && !n.equals(origin); n = parent(n)) {
      if (isCut(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The names the denial chain must hold, in canonical order (RFC 4034 section 6.1): every owner of
   * authoritative data and every delegation point, glue owners left out (RFC 4035 2.3).
   */
  TreeSet<Name> chainedOwners() {
    TreeSet<Name> owners = new TreeSet<>();
    for (Map.Entry<Name, Map<Integer, RRset>> e : nodes.entrySet()) {
      if (!e.getValue().isEmpty() && !isBelowCut(e.getKey())) {
        owners.add(e.getKey());
      }
    }
    return owners;
  }

  /**
   * Whether the zone's signer signs this RRset: everything it is authoritative for, which at a
   * delegation point is only the DS and NSEC sets, and below one nothing (RFC 4035 section 2.2).
   */
  boolean isSigned(Name owner, int type) {
    if (isBelowCut(owner)) {
      return false;
    }
    return !isCut(owner) || type == Type.DS || type == Type.NSEC;
  }

  /** Signs every RRset the zone is authoritative for, DNSKEY with the KSK and the rest the ZSK. */
  void signAll(ZoneSigner signer) {
    for (RRset rrset : rrsets()) {
      if (isSigned(rrset.getName(), rrset.getType())) {
        put(signer.sign(rrset, rrset.getType() == Type.DNSKEY ? signer.ksk() : signer.zsk()));
      }
    }
  }

  /**
   * {@code rrset} with every signature replaced by one the same key makes with {@code signer}
   * (typically the zone's signer with another window). Signatures by keys the signer does not hold
   * are dropped.
   */
  static RRset resigned(RRset rrset, ZoneSigner signer) {
    RRset out = new RRset();
    rrset.rrs(false).forEach(out::addRR);
    for (RRSIGRecord sig : rrset.sigs()) {
      for (SigningKey key : List.of(signer.ksk(), signer.zsk())) {
        if (key.keyTag() == sig.getFootprint() && key.algorithm() == sig.getAlgorithm()) {
          out.addRR(signer.signature(rrset, key));
          break;
        }
      }
    }
    return out;
  }

  /** The zone's records: each RRset followed by its signatures. */
  ZoneSpec toZoneSpec() {
    List<Record> records = new ArrayList<>();
    for (RRset rrset : rrsets()) {
      records.addAll(rrset.rrs(false));
      records.addAll(rrset.sigs());
    }
    return new ZoneSpec(origin, records);
  }

  static @Nullable Name parent(Name name) {
    return name.labels() <= 1 ? null : new Name(name, 1);
  }
}
