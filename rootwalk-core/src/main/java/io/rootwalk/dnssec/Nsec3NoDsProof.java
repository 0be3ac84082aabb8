package io.rootwalk.dnssec;

import java.util.List;
import java.util.Optional;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

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

  private Nsec3NoDsProof() {}

  static NoDsVerdict prove(
      Name child, TrustedKeys parentKeys, List<RRset> sets, long now, ValidationBudget budget) {
    Name zone = parentKeys.zone();
    Optional<Nsec3Chain> found = Nsec3Chain.of(zone, sets, budget);
    if (found.isEmpty()) {
      return new Verdict.Bogus(BogusReason.NSEC_MISSING, "no usable NSEC3 of " + zone);
    }
    Nsec3Chain chain = found.get();
    int max = budget.limits().maxNsec3Iterations();
    if (chain.iterations() > max) {
      return new Verdict.Insecure(
          InsecureReason.UNSUPPORTED_NSEC3_ITERATIONS,
          "NSEC3 of " + zone + " uses " + chain.iterations() + " iterations, over " + max);
    }
    try {
      Optional<RRset> match = chain.matching(child);
      if (match.isPresent()) {
        NSEC3Record r = (NSEC3Record) match.get().first();
        String problem =
            NoDsProof.delegationProblem(
                r.hasType(Type.NS), r.hasType(Type.DS), r.hasType(Type.SOA));
        if (!problem.isEmpty()) {
          return new Verdict.Bogus(BogusReason.DNSSEC_BOGUS, "NSEC3 matching " + child + problem);
        }
        return proven(NoDsVerdict.Method.NSEC3, List.of(match.get()), parentKeys, now, budget);
      }
      // No NSEC3 of its own: the closest encloser proof, then an Opt-Out span over the next
      // closer name (RFC 5155 section 8.9; the span may hide unsigned delegations, and only them).
      Optional<Nsec3Chain.Encloser> ce = chain.closestEncloser(child);
      if (ce.isEmpty()) {
        return new Verdict.Bogus(
            BogusReason.NSEC_MISSING,
            "no NSEC3 matches " + child + " or proves its closest encloser");
      }
      if (!ce.get().optOut()) {
        return new Verdict.Bogus(
            BogusReason.DNSSEC_BOGUS,
            "the NSEC3 covering "
                + ce.get().nextCloser()
                + " has no Opt-Out: "
                + child
                + " does not exist");
      }
      return proven(
          NoDsVerdict.Method.NSEC3_OPT_OUT,
          List.of(ce.get().matching(), ce.get().covering()),
          parentKeys,
          now,
          budget);
    } catch (Nsec3Chain.Exhausted e) {
      return exhausted(child);
    }
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

  private static Verdict.Exhausted exhausted(Name child) {
    return new Verdict.Exhausted(
        ValidationBudget.Limit.NSEC3_HASHES_PER_LOOKUP, "NSEC3 hashes for no-DS proof of " + child);
  }
}
