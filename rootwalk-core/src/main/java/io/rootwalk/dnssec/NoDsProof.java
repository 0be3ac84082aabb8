package io.rootwalk.dnssec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Checks a signed parent's proof that a delegation has no DS RRset, which makes the child zone
 * insecure (RFC 4035 section 5.2) instead of bogus. The proof comes in the authority section of the
 * referral (RFC 4035 section 3.1.4) and must itself be signed by the parent:
 *
 * <ul>
 *   <li>an NSEC owned by the delegation name whose type bitmap has NS but neither DS nor SOA. NS
 *       shows a delegation; SOA would mean the record is the child's own apex NSEC, which says
 *       nothing about the parent side (RFC 6840 section 4.4);
 *   <li>NSEC3, as {@link Nsec3NoDsProof} checks it (RFC 5155 section 8.9).
 * </ul>
 *
 * <p>Thread-safe and stateless.
 */
public final class NoDsProof {

  private NoDsProof() {}

  /**
   * Checks that {@code authority} proves {@code child} has no DS.
   *
   * @param child the delegation name, below the parent zone
   * @param parentKeys the parent zone's trusted keys
   * @param authority the referral's authority section as RRsets, each with its RRSIGs; types other
   *     than NSEC and NSEC3 are ignored
   * @param now the time in seconds since the epoch
   * @param budget the lookup's validation budget
   * @return PROVEN with the method, INSECURE when the NSEC3 parameters cannot be checked, BOGUS
   *     when no proof holds, or EXHAUSTED
   * @throws IllegalArgumentException if {@code child} is not below the parent zone
   */
  public static NoDsVerdict prove(
      Name child,
      TrustedKeys parentKeys,
      List<RRset> authority,
      long now,
      ValidationBudget budget) {
    Objects.requireNonNull(child, "child");
    Objects.requireNonNull(parentKeys, "parentKeys");
    Objects.requireNonNull(budget, "budget");
    Name zone = parentKeys.zone();
    if (!child.subdomain(zone) || child.equals(zone)) {
      throw new IllegalArgumentException(child + " is not below the parent zone " + zone);
    }
    List<RRset> nsec3 = new ArrayList<>();
    Failures failures = new Failures("no DS for " + child);
    for (RRset set : authority) {
      if (set.getType() == Type.NSEC3) {
        nsec3.add(set);
      } else if (set.getType() == Type.NSEC && set.getName().equals(child)) {
        NoDsVerdict v = fromNsec(set, parentKeys, now, budget);
        if (!(v instanceof Verdict.Bogus)) {
          return v;
        }
        failures.add((Verdict.Bogus) v);
      }
    }
    if (!nsec3.isEmpty()) {
      NoDsVerdict v = Nsec3NoDsProof.prove(child, parentKeys, nsec3, now, budget);
      if (!(v instanceof Verdict.Bogus)) {
        return v;
      }
      failures.add((Verdict.Bogus) v);
    }
    Verdict.Bogus none =
        new Verdict.Bogus(BogusReason.NSEC_MISSING, "no NSEC or NSEC3 at or covering " + child);
    failures.add(none);
    return failures.verdict();
  }

  private static NoDsVerdict fromNsec(
      RRset set, TrustedKeys parentKeys, long now, ValidationBudget budget) {
    Verdict signed = RRsetVerifier.verify(set, parentKeys, now, budget);
    if (!(signed instanceof Verdict.Secure)) {
      return asNoDs(signed);
    }
    NSECRecord nsec = (NSECRecord) set.first();
    String problem =
        delegationProblem(nsec.hasType(Type.NS), nsec.hasType(Type.DS), nsec.hasType(Type.SOA));
    if (!problem.isEmpty()) {
      return new Verdict.Bogus(BogusReason.DNSSEC_BOGUS, "NSEC at " + set.getName() + problem);
    }
    return new NoDsVerdict.Proven(NoDsVerdict.Method.NSEC, ((Verdict.Secure) signed).ttl());
  }

  /**
   * What is wrong with a bitmap that should show an unsigned delegation, or "" if nothing: NS set,
   * DS and SOA clear (RFC 4035 5.2, RFC 6840 4.4, RFC 5155 8.9).
   */
  static String delegationProblem(boolean ns, boolean ds, boolean soa) {
    if (ds) {
      return " lists DS: the delegation is signed";
    }
    if (soa) {
      return " lists SOA: it is the child's apex record, not the parent's";
    }
    if (!ns) {
      return " lists no NS: the name is not a delegation";
    }
    return "";
  }

  /** A non-secure RRset verdict as a no-DS verdict: a proof that does not verify proves nothing. */
  static NoDsVerdict asNoDs(Verdict v) {
    if (v instanceof Verdict.Insecure) {
      return (Verdict.Insecure) v;
    }
    if (v instanceof Verdict.Exhausted) {
      return (Verdict.Exhausted) v;
    }
    if (v instanceof Verdict.Bogus) {
      return (Verdict.Bogus) v;
    }
    throw new IllegalArgumentException("a secure verdict is a proof, not a failure: " + v);
  }
}
