package io.rootwalk.dnssec;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The NSEC3 RRsets of one zone in one response, as RFC 5155 section 8 reads them: only SHA-1, only
 * owners one label below the apex whose first label is a base32hex hash, only those with the
 * parameters of the first (one chain per zone, section 8.2). Every hash is charged to the lookup's
 * budget (the NSEC3 hash flood, CVE-2023-50868); when it runs out, {@link Exhausted} is thrown and
 * the proof reports it.
 */
final class Nsec3Chain {

  /** The hash budget ran out while a proof was being checked. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted(Name name) {
      super("NSEC3 hash budget exhausted at " + name, null, false, false);
    }
  }

  /**
   * A closest encloser proof (RFC 5155 section 8.3).
   *
   * @param closest the closest encloser: the longest existing ancestor of the name
   * @param nextCloser the name one label longer, toward the name, which does not exist
   * @param matching the NSEC3 matching the closest encloser
   * @param covering the NSEC3 covering the next closer name
   */
  record Encloser(Name closest, Name nextCloser, RRset matching, RRset covering) {
    /** Whether the covering NSEC3 is an Opt-Out span: unsigned delegations may hide in it. */
    boolean optOut() {
      return (((NSEC3Record) covering.first()).getFlags() & NSEC3Record.Flags.OPT_OUT) != 0;
    }
  }

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  private final Name zone;
  private final List<RRset> sets;
  private final NSEC3Record params;
  private final ValidationBudget budget;

  private Nsec3Chain(Name zone, List<RRset> sets, NSEC3Record params, ValidationBudget budget) {
    this.zone = zone;
    this.sets = sets;
    this.params = params;
    this.budget = budget;
  }

  /**
   * The usable chain among {@code candidates}.
   *
   * @param zone the zone apex
   * @param candidates RRsets of the response; non-NSEC3 ones are ignored
   * @param budget the lookup's budget
   * @return the chain, or empty when no NSEC3 is usable
   */
  static Optional<Nsec3Chain> of(Name zone, List<RRset> candidates, ValidationBudget budget) {
    List<RRset> usable = new ArrayList<>();
    for (RRset set : candidates) {
      if (set.getType() != Type.NSEC3) {
        continue;
      }
      NSEC3Record r = (NSEC3Record) set.first();
      if (r.getHashAlgorithm() == NSEC3Record.Digest.SHA1
          && (r.getFlags() & ~NSEC3Record.Flags.OPT_OUT) == 0
          && set.getName().labels() == zone.labels() + 1
          && set.getName().subdomain(zone)
          && ownerHash(set).isPresent()) {
        usable.add(set);
      }
    }
    if (usable.isEmpty()) {
      return Optional.empty();
    }
    NSEC3Record params = (NSEC3Record) usable.get(0).first();
    usable.removeIf(set -> !sameParameters((NSEC3Record) set.first(), params));
    return Optional.of(new Nsec3Chain(zone, usable, params, budget));
  }

  /** The iterations the chain uses (RFC 9276 asks for 0). */
  int iterations() {
    return params.getIterations();
  }

  /** The NSEC3 whose owner is the hash of {@code name}. */
  Optional<RRset> matching(Name name) {
    byte[] hash = hash(name);
    for (RRset set : sets) {
      Optional<byte[]> owner = ownerHash(set);
      if (owner.isPresent() && Arrays.equals(owner.get(), hash)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }

  /** The NSEC3 whose span (owner hash, next hash) holds the hash of {@code name}, wrapping. */
  Optional<RRset> covering(Name name) {
    byte[] hash = hash(name);
    for (RRset set : sets) {
      Optional<byte[]> owner = ownerHash(set);
      if (owner.isEmpty()) {
        continue;
      }
      byte[] next = ((NSEC3Record) set.first()).getNext();
      int ownerVsHash = Arrays.compareUnsigned(owner.get(), hash);
      int hashVsNext = Arrays.compareUnsigned(hash, next);
      boolean wraps = Arrays.compareUnsigned(owner.get(), next) >= 0;
      if (wraps ? ownerVsHash < 0 || hashVsNext < 0 : ownerVsHash < 0 && hashVsNext < 0) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }

  /**
   * The closest encloser proof for {@code name}: walking up from its parent, the first ancestor an
   * NSEC3 matches that is neither a DNAME nor a delegation point, with an NSEC3 covering the next
   * closer name.
   *
   * @param name a name the response says does not exist (or, for NODATA at a wildcard, is
   *     synthesized)
   * @return the proof, or empty when it does not hold
   */
  Optional<Encloser> closestEncloser(Name name) {
    Name nextCloser = name;
    for (Name encloser = parent(name); ; encloser = parent(encloser)) {
      Optional<RRset> match = matching(encloser);
      if (match.isPresent()) {
        NSEC3Record ce = (NSEC3Record) match.get().first();
        if (ce.hasType(Type.DNAME) || (ce.hasType(Type.NS) && !ce.hasType(Type.SOA))) {
          return Optional.empty(); // RFC 5155 8.3: such a name is no closest encloser
        }
        Optional<RRset> cover = covering(nextCloser);
        if (cover.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(new Encloser(encloser, nextCloser, match.get(), cover.get()));
      }
      if (encloser.equals(zone) || encloser.labels() <= 1) {
        return Optional.empty();
      }
      nextCloser = encloser;
    }
  }

  private byte[] hash(Name name) {
    if (!budget.trySpendHash()) {
      throw new Exhausted(name);
    }
    try {
      return params.hashName(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-1", e);
    }
  }

  private static Optional<byte[]> ownerHash(RRset set) {
    try {
      byte[] h = BASE32HEX.fromString(set.getName().getLabelString(0));
      return h == null || h.length == 0 ? Optional.empty() : Optional.of(h);
    } catch (RuntimeException e) {
      return Optional.empty(); // not base32hex: not an NSEC3 owner name
    }
  }

  private static boolean sameParameters(NSEC3Record a, NSEC3Record b) {
    return a.getHashAlgorithm() == b.getHashAlgorithm()
        && a.getIterations() == b.getIterations()
        && Arrays.equals(a.getSalt(), b.getSalt());
  }

  private static Name parent(Name name) {
    return new Name(name, 1);
  }
}
