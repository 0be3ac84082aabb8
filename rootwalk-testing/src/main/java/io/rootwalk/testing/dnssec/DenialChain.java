package io.rootwalk.testing.dnssec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The authenticated denial of existence records of a whole zone, added unsigned to a {@link
 * ZoneDraft} (the zone's signer signs them with the rest): an NSEC chain (RFC 4035 section 2.3) or
 * an NSEC3 chain with its NSEC3PARAM (RFC 5155 section 7.1). Both give their records the TTL of a
 * negative answer, {@link ZoneDraft#negativeTtl()}.
 */
final class DenialChain {

  /**
   * How a zone is chained with NSEC3: SHA-1 hashing, {@code iterations} extra iterations, the salt,
   * and whether unsigned delegations are left to opt-out spans (RFC 5155 section 6).
   */
  record Nsec3(int iterations, byte[] salt, boolean optOut) {
    Nsec3 {
      if (iterations < 0 || iterations > 0xFFFF) {
        throw new IllegalArgumentException("NSEC3 iterations must be 0..65535: " + iterations);
      }
      if (salt.length > 255) {
        throw new IllegalArgumentException("an NSEC3 salt is at most 255 bytes");
      }
      salt = salt.clone();
    }
  }

  private DenialChain() {}

  /**
   * One NSEC per authoritative name and delegation point, in canonical order, the last pointing
   * back at the apex. At a cut the bitmap holds NS and DS only, of the data there (RFC 4035 2.3).
   */
  static void addNsec(ZoneDraft zone) {
    List<Name> owners = new ArrayList<>(zone.chainedOwners());
    long ttl = zone.negativeTtl();
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      Set<Integer> types = ownTypes(zone, owner);
      types.add(Type.RRSIG);
      types.add(Type.NSEC);
      Name next = owners.get((i + 1) % owners.size());
      zone.add(new NSECRecord(owner, DClass.IN, ttl, next, toArray(types)));
    }
  }

  /**
   * The NSEC3PARAM at the apex and one NSEC3 per authoritative name, delegation point and empty
   * non-terminal, in hash order. With opt-out, unsigned delegations get none, and nor do the empty
   * non-terminals that exist only above them (RFC 5155 section 7.1); every NSEC3 then has the
   * Opt-Out flag. A bitmap lists the types at the original owner: RRSIG where something there is
   * signed, so not at an unsigned delegation nor an empty non-terminal (RFC 5155 section 3.2.1).
   */
  static void addNsec3(ZoneDraft zone, Nsec3 params) {
    Name origin = zone.origin();
    long ttl = zone.negativeTtl();
    zone.add(
        new NSEC3PARAMRecord(
            origin,
            DClass.IN,
            ttl,
            NSEC3Record.SHA1_DIGEST_ID,
            0,
            params.iterations(),
            params.salt()));
    TreeSet<Name> owners = new TreeSet<>();
    for (Name owner : zone.chainedOwners()) {
      if (params.optOut() && zone.isUnsignedCut(owner)) {
        continue;
      }
      for (Name n = owner; n != null && !owners.contains(n); n = ZoneDraft.parent(n)) {
        owners.add(n);
        if (n.equals(origin)) {
          break;
        }
      }
    }
    TreeMap<Name, Name> byHash = new TreeMap<>();
    for (Name owner : owners) {
      byHash.put(Denial.hashedOwner(origin, owner, params.iterations(), params.salt()), owner);
    }
    List<Name> sorted = new ArrayList<>(byHash.values());
    for (int i = 0; i < sorted.size(); i++) {
      Name owner = sorted.get(i);
      Set<Integer> types = ownTypes(zone, owner);
      if (!types.isEmpty() && !zone.isUnsignedCut(owner)) {
        types.add(Type.RRSIG);
      }
      Name next = sorted.get((i + 1) % sorted.size());
      zone.add(
          new NSEC3Record(
              Denial.hashedOwner(origin, owner, params.iterations(), params.salt()),
              DClass.IN,
              ttl,
              NSEC3Record.SHA1_DIGEST_ID,
              params.optOut() ? NSEC3Record.Flags.OPT_OUT : 0,
              params.iterations(),
              params.salt(),
              Denial.hash(next, params.iterations(), params.salt()),
              toArray(types)));
    }
  }

  /** The data types at {@code owner}; at a delegation point only NS and DS (RFC 4035 2.3). */
  private static Set<Integer> ownTypes(ZoneDraft zone, Name owner) {
    Set<Integer> types = zone.types(owner);
    if (zone.isCut(owner)) {
      types.retainAll(Set.of(Type.NS, Type.DS));
    }
    return types;
  }

  private static int[] toArray(Set<Integer> types) {
    int[] out = types.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(out);
    return out;
  }
}
