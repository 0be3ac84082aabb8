package io.rootwalk.dnssec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Verifies one RRset against the trusted DNSKEYs of the zone that signed it (RFC 4035 sections
 * 5.3.1 to 5.3.3). One good signature is enough: RFC 4035 section 5.3.1 asks for any RRSIG that
 * meets every check and verifies, and RFC 6840 section 5.11 that a validator not require every
 * algorithm the zone signs with.
 *
 * <p>Before any cryptography, each RRSIG must name the zone as signer (an ancestor-or-self of the
 * owner), cover the RRset's type, have a Labels field no larger than the owner's label count, be
 * inside its validity window, and name by key tag and algorithm a trusted key with protocol 3 and
 * the Zone Key bit. Only then is dnsjava's {@link DNSSEC#verify} called, each call charged to the
 * {@link ValidationBudget}.
 *
 * <p>Thread-safe and stateless.
 */
public final class RRsetVerifier {

  private RRsetVerifier() {}

  /**
   * Verifies {@code rrset} with the zone's trusted keys.
   *
   * @param rrset the records and their RRSIGs, as they came in the response
   * @param keys the validated DNSKEY set of the zone the RRset belongs to
   * @param now the time, in seconds since the epoch, from the resolver's clock
   * @param budget the lookup's budget, charged one check per signature verification
   * @return SECURE with the signature used, BOGUS with a reason, INSECURE when no trusted key is of
   *     a supported algorithm, or EXHAUSTED when a cap is reached first
   */
  public static Verdict verify(RRset rrset, TrustedKeys keys, long now, ValidationBudget budget) {
    Objects.requireNonNull(keys, "keys");
    return verify(rrset, keys.zone(), keys.keys(), now, budget);
  }

  /**
   * Verifies {@code rrset} with the given keys of {@code zone}; {@link KeySetValidator} uses it
   * with the one key a DS vouches for, before the rest of the set is trusted.
   */
  static Verdict verify(
      RRset rrset, Name zone, List<DNSKEYRecord> keys, long now, ValidationBudget budget) {
    Objects.requireNonNull(rrset, "rrset");
    Objects.requireNonNull(budget, "budget");
    String what = rrset.getName() + " " + Type.string(rrset.getType());
    if (keys.stream().noneMatch(k -> AlgorithmSupport.signatureAlgorithm(k.getAlgorithm()))) {
      return new Verdict.Insecure(
          InsecureReason.UNSUPPORTED_DNSKEY_ALGORITHM,
          "no key of " + zone + " uses a supported algorithm, so " + what + " cannot be checked");
    }
    List<RRSIGRecord> sigs = rrset.sigs();
    if (sigs.isEmpty()) {
      return new Verdict.Bogus(BogusReason.RRSIGS_MISSING, what + " has no RRSIG");
    }
    Failures failures = new Failures(what);
    int checks = 0;
    for (RRSIGRecord sig : sigs) {
      Optional<Verdict.Bogus> unfit = unfit(sig, rrset, zone, now);
      if (unfit.isPresent()) {
        failures.add(unfit.get());
        continue;
      }
      List<DNSKEYRecord> candidates = candidates(sig, keys, failures);
      int tried = 0;
      for (DNSKEYRecord key : candidates) {
        if (tried == budget.limits().keysPerSignature()) {
          failures.add(
              BogusReason.DNSSEC_BOGUS,
              candidates.size()
                  + " keys share tag "
                  + sig.getFootprint()
                  + "; gave up after "
                  + tried);
          break;
        }
        if (checks == budget.limits().checksPerRRset()) {
          return new Verdict.Exhausted(
              ValidationBudget.Limit.CHECKS_PER_RRSET, checks + " signature checks for " + what);
        }
        if (!budget.trySpendCheck()) {
          return new Verdict.Exhausted(
              ValidationBudget.Limit.CHECKS_PER_LOOKUP,
              "the lookup's " + budget.limits().checksPerLookup() + " checks, at " + what);
        }
        tried++;
        checks++;
        try {
          // The window was checked above in serial arithmetic; dnsjava compares Instants, so it is
          // given the inception, which is inside the window whenever the window does not wrap.
          DNSSEC.verify(rrset, sig, key, sig.getTimeSigned());
          return secure(rrset, sig, now);
        } catch (DNSSEC.DNSSECException e) {
          // dnsjava's own message repeats the key and the RRset; a bad signature says enough.
          failures.add(
              BogusReason.DNSSEC_BOGUS,
              "RRSIG by key "
                  + sig.getFootprint()
                  + (e instanceof DNSSEC.SignatureVerificationException
                      ? " does not verify"
                      : " cannot be checked: " + e.getMessage()));
        }
      }
    }
    return failures.verdict();
  }

  /** Why {@code sig} cannot vouch for {@code rrset} before any key is tried, if it cannot. */
  private static Optional<Verdict.Bogus> unfit(RRSIGRecord sig, RRset rrset, Name zone, long now) {
    Name owner = rrset.getName();
    int tag = sig.getFootprint();
    if (!sig.getSigner().equals(zone)) {
      return bogus(BogusReason.DNSSEC_BOGUS, "RRSIG signer " + sig.getSigner() + " is not " + zone);
    }
    if (!owner.subdomain(zone)) {
      return bogus(BogusReason.DNSSEC_BOGUS, "signer " + zone + " is not above " + owner);
    }
    if (sig.getTypeCovered() != rrset.getType() || sig.getDClass() != rrset.getDClass()) {
      return bogus(BogusReason.DNSSEC_BOGUS, "RRSIG covers " + Type.string(sig.getTypeCovered()));
    }
    if (sig.getLabels() > ownerLabels(owner)) {
      return bogus(
          BogusReason.DNSSEC_BOGUS,
          "RRSIG labels " + sig.getLabels() + " exceed the owner's " + ownerLabels(owner));
    }
    if (!AlgorithmSupport.signatureAlgorithm(sig.getAlgorithm())) {
      // Not insecure: the zone has keys we support (checked by the caller), so an RRSIG of
      // another algorithm alone would let an attacker downgrade by swapping signatures.
      return bogus(
          BogusReason.RRSIGS_MISSING,
          "RRSIG by key " + tag + " uses unsupported algorithm " + sig.getAlgorithm());
    }
    switch (SignatureWindow.position(sig, now)) {
      case NOT_YET_VALID:
        return bogus(
            BogusReason.SIGNATURE_NOT_YET_VALID,
            "RRSIG by key " + tag + " is valid from " + sig.getTimeSigned());
      case EXPIRED:
        return bogus(
            BogusReason.SIGNATURE_EXPIRED,
            "RRSIG by key " + tag + " expired at " + sig.getExpire());
      default:
        return Optional.empty();
    }
  }

  /** The trusted keys {@code sig} may have been made with; notes why there are none. */
  private static List<DNSKEYRecord> candidates(
      RRSIGRecord sig, List<DNSKEYRecord> keys, Failures failures) {
    List<DNSKEYRecord> out = new ArrayList<>();
    boolean withoutZoneBit = false;
    for (DNSKEYRecord key : keys) {
      if (key.getFootprint() != sig.getFootprint() || key.getAlgorithm() != sig.getAlgorithm()) {
        continue;
      }
      if (key.getProtocol() != DNSKEYRecord.Protocol.DNSSEC) {
        continue; // RFC 4034 section 2.1.2: any other value makes the key invalid
      }
      if ((key.getFlags() & DNSKEYRecord.Flags.ZONE_KEY) == 0) {
        withoutZoneBit = true; // RFC 4034 section 2.1.1: not for verifying zone data
        continue;
      }
      out.add(key);
    }
    if (out.isEmpty()) {
      failures.add(
          withoutZoneBit ? BogusReason.NO_ZONE_KEY_BIT_SET : BogusReason.DNSKEY_MISSING,
          (withoutZoneBit ? "the key with tag " : "no trusted key with tag ")
              + sig.getFootprint()
              + " and algorithm "
              + sig.getAlgorithm()
              + (withoutZoneBit ? " lacks the Zone Key bit" : ""));
    }
    return out;
  }

  private static Verdict.Secure secure(RRset rrset, RRSIGRecord sig, long now) {
    long ttl =
        Math.min(Math.min(rrset.getTTL(), sig.getOrigTTL()), SignatureWindow.secondsLeft(sig, now));
    Name owner = rrset.getName();
    Optional<Name> wildcard = Optional.empty();
    int labels = ownerLabels(owner);
    if (sig.getLabels() < labels) {
      // RFC 4035 section 5.3.4: the RRset was synthesised from "*." plus the owner's rightmost
      // Labels labels.
      wildcard = Optional.of(new Name(owner, labels - sig.getLabels() - 1).wild(1));
    }
    return new Verdict.Secure(sig, sig.getFootprint(), ttl, wildcard);
  }

  /**
   * The owner's label count as the RRSIG Labels field counts it: without the root label and without
   * a leading "*" (RFC 4034 section 3.1.3).
   */
  static int ownerLabels(Name owner) {
    int labels = owner.labels() - 1;
    return owner.isWild() ? labels - 1 : labels;
  }

  private static Optional<Verdict.Bogus> bogus(BogusReason reason, String detail) {
    return Optional.of(new Verdict.Bogus(reason, detail));
  }
}
