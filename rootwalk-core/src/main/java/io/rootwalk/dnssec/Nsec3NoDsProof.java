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
 * The NSEC3 proof that a delegation has no DS (RFC 5155 section 8.9), with the closest encloser
 * proof of section 8.3 for the Opt-Out case:
 *
 * <ol>
 *   <li>an NSEC3 matching the delegation name's hash must have NS and neither DS nor SOA; or
 *   <li>the closest provable encloser is found (an ancestor with a matching NSEC3, which must not
 *       be a DNAME or a delegation of its own), and the NSEC3 covering the next closer name has the
 *       Opt-Out flag: an unsigned delegation may hide in an Opt-Out span (RFC 5155 section 6).
 * </ol>
 *
 * <p>Every hash is charged to the budget (CVE-2023-50868: a closest encloser search over a long
 * name with costly parameters exhausts CPU), and records with more iterations than {@link
 * ValidationLimits#maxNsec3Iterations()} make the answer insecure before anything is hashed (RFC
 * 9276 section 3.2). Records of an unknown hash algorithm or with flags other than Opt-Out are
 * ignored (RFC 5155 sections 8.1 and 8.2).
 */
final class Nsec3NoDsProof {

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);

  private Nsec3NoDsProof() {}

  static NoDsVerdict prove(
      Name child, TrustedKeys parentKeys, List<RRset> sets, long now, ValidationBudget budget) {
    Name zone = parentKeys.zone();
    List<RRset> usable = new ArrayList<>();
    for (RRset set : sets) {
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
      return new Verdict.Bogus(BogusReason.NSEC_MISSING, "no usable NSEC3 of " + zone);
    }
    NSEC3Record params = (NSEC3Record) usable.get(0).first();
    int max = budget.limits().maxNsec3Iterations();
    if (params.getIterations() > max) {
      return new Verdict.Insecure(
          InsecureReason.UNSUPPORTED_NSEC3_ITERATIONS,
          "NSEC3 of " + zone + " uses " + params.getIterations() + " iterations, over " + max);
    }
    // RFC 5155 section 8.2: one zone uses one set of parameters; others are not its chain.
    usable.removeIf(set -> !sameParameters((NSEC3Record) set.first(), params));

    Optional<byte[]> childHash = hash(params, child, budget);
    if (childHash.isEmpty()) {
      return exhausted(child);
    }
    Optional<RRset> match = matching(usable, childHash.get());
    if (match.isPresent()) {
      NSEC3Record r = (NSEC3Record) match.get().first();
      String problem =
          NoDsProof.delegationProblem(r.hasType(Type.NS), r.hasType(Type.DS), r.hasType(Type.SOA));
      if (!problem.isEmpty()) {
        return new Verdict.Bogus(BogusReason.DNSSEC_BOGUS, "NSEC3 matching " + child + problem);
      }
      return proven(NoDsVerdict.Method.NSEC3, List.of(match.get()), parentKeys, now, budget);
    }
    return optOut(child, zone, params, usable, parentKeys, now, budget);
  }

  /** The closest encloser proof, then an Opt-Out NSEC3 covering the next closer name. */
  private static NoDsVerdict optOut(
      Name child,
      Name zone,
      NSEC3Record params,
      List<RRset> usable,
      TrustedKeys parentKeys,
      long now,
      ValidationBudget budget) {
    Name nextCloser = child;
    for (Name encloser = parent(child); encloser.subdomain(zone); encloser = parent(encloser)) {
      Optional<byte[]> h = hash(params, encloser, budget);
      if (h.isEmpty()) {
        return exhausted(child);
      }
      Optional<RRset> match = matching(usable, h.get());
      if (match.isPresent()) {
        NSEC3Record ce = (NSEC3Record) match.get().first();
        // RFC 5155 section 8.3: not a DNAME, and not a delegation point (NS without SOA).
        if (ce.hasType(Type.DNAME) || (ce.hasType(Type.NS) && !ce.hasType(Type.SOA))) {
          return new Verdict.Bogus(
              BogusReason.DNSSEC_BOGUS, "closest encloser " + encloser + " is a DNAME or a cut");
        }
        Optional<byte[]> nh = hash(params, nextCloser, budget);
        if (nh.isEmpty()) {
          return exhausted(child);
        }
        Optional<RRset> cover = covering(usable, nh.get());
        if (cover.isEmpty()) {
          return new Verdict.Bogus(
              BogusReason.NSEC_MISSING, "no NSEC3 covers next closer name " + nextCloser);
        }
        if ((((NSEC3Record) cover.get().first()).getFlags() & NSEC3Record.Flags.OPT_OUT) == 0) {
          return new Verdict.Bogus(
              BogusReason.DNSSEC_BOGUS,
              "the NSEC3 covering " + nextCloser + " has no Opt-Out: " + child + " does not exist");
        }
        return proven(
            NoDsVerdict.Method.NSEC3_OPT_OUT,
            List.of(match.get(), cover.get()),
            parentKeys,
            now,
            budget);
      }
      nextCloser = encloser;
      if (encloser.equals(zone)) {
        break;
      }
    }
    return new Verdict.Bogus(
        BogusReason.NSEC_MISSING, "no NSEC3 matches " + child + " or proves its closest encloser");
  }

  /** Verifies the proof's records with the parent's keys; the proof holds as long as they do. */
  private static NoDsVerdict proven(
      NoDsVerdict.Method method,
      List<RRset> records,
      TrustedKeys parentKeys,
      long now,
      ValidationBudget budget) {
    long ttl = Long.MAX_VALUE;
    for (RRset set : records) {
      Verdict v = RRsetVerifier.verify(set, parentKeys, now, budget);
      if (!(v instanceof Verdict.Secure)) {
        return NoDsProof.asNoDs(v);
      }
      ttl = Math.min(ttl, ((Verdict.Secure) v).ttl());
    }
    return new NoDsVerdict.Proven(method, ttl);
  }

  private static Optional<RRset> matching(List<RRset> sets, byte[] hash) {
    for (RRset set : sets) {
      Optional<byte[]> owner = ownerHash(set);
      if (owner.isPresent() && Arrays.equals(owner.get(), hash)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }

  /** The NSEC3 whose span (owner hash, next hash) holds {@code hash}, wrapping at the end. */
  static Optional<RRset> covering(List<RRset> sets, byte[] hash) {
    for (RRset set : sets) {
      Optional<byte[]> owner = ownerHash(set);
      byte[] next = ((NSEC3Record) set.first()).getNext();
      if (owner.isEmpty()) {
        continue;
      }
      int ownerVsHash = Arrays.compareUnsigned(owner.get(), hash);
      int hashVsNext = Arrays.compareUnsigned(hash, next);
      boolean wraps = Arrays.compareUnsigned(owner.get(), next) >= 0;
      if (wraps ? ownerVsHash < 0 || hashVsNext < 0 : ownerVsHash < 0 && hashVsNext < 0) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }

  private static Optional<byte[]> ownerHash(RRset set) {
    try {
      byte[] h = BASE32HEX.fromString(set.getName().getLabelString(0));
      return h == null || h.length == 0 ? Optional.empty() : Optional.of(h);
    } catch (RuntimeException e) {
      return Optional.empty(); // not base32hex: not an NSEC3 owner name
    }
  }

  static Optional<byte[]> hash(NSEC3Record params, Name name, ValidationBudget budget) {
    if (!budget.trySpendHash()) {
      return Optional.empty();
    }
    try {
      return Optional.of(params.hashName(name));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-1", e);
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

  private static Verdict.Exhausted exhausted(Name child) {
    return new Verdict.Exhausted(
        ValidationBudget.Limit.NSEC3_HASHES_PER_LOOKUP, "NSEC3 hashes for no-DS proof of " + child);
  }
}
