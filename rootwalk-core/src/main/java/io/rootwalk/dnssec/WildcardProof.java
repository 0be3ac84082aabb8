package io.rootwalk.dnssec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;

/**
 * The proof that goes with a wildcard expansion: no name closer to the question than the wildcard
 * exists (RFC 4035 section 5.3.4, RFC 5155 section 8.8). Without it a replayed wildcard signature
 * could replace the data of a name that does exist.
 */
final class WildcardProof {

  private WildcardProof() {}

  /**
   * Checks that a signed NSEC covers {@code name}, or a signed NSEC3 covers its next closer name.
   *
   * @param name the owner the answer was expanded to
   * @param wildcard the wildcard the signature was made for ({@code *.} and the closest encloser)
   * @param keys the zone's keys
   * @param denials the NSEC and NSEC3 RRsets of the response, with their signatures
   * @param now epoch seconds
   * @param budget the lookup's budget
   * @return empty when proven; otherwise why not
   */
  static Optional<Verdict.Bogus> check(
      Name name,
      Name wildcard,
      TrustedKeys keys,
      List<RRset> denials,
      long now,
      ValidationBudget budget) {
    List<RRset> nsec3 = new ArrayList<>();
    for (RRset set : denials) {
      if (set.first() instanceof NSECRecord nsec && NsecSpan.covers(nsec, name)) {
        if (RRsetVerifier.verify(set, keys, now, budget) instanceof Verdict.Secure) {
          return Optional.empty();
        }
      } else if (set.first() instanceof NSEC3Record) {
        nsec3.add(set);
      }
    }
    Optional<Nsec3Chain> chain = Nsec3Chain.of(keys.zone(), nsec3, budget);
    if (chain.isPresent()) {
      Name encloser = new Name(wildcard, 1);
      Name nextCloser = new Name(name, name.labels() - encloser.labels() - 1);
      try {
        Optional<RRset> covering = chain.get().covering(nextCloser);
        if (covering.isPresent()
            && RRsetVerifier.verify(covering.get(), keys, now, budget) instanceof Verdict.Secure) {
          return Optional.empty();
        }
      } catch (Nsec3Chain.Exhausted e) {
        return Optional.of(
            new Verdict.Bogus(BogusReason.DNSSEC_BOGUS, "NSEC3 hash budget spent at " + name));
      }
    }
    return Optional.of(
        new Verdict.Bogus(
            BogusReason.NSEC_MISSING,
            name
                + " was expanded from "
                + wildcard
                + " without a signed NSEC or NSEC3 proving no closer name exists"));
  }
}
