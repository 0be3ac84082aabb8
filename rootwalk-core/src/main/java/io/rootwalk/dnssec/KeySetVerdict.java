package io.rootwalk.dnssec;

import io.rootwalk.SecurityStatus;
import java.util.Objects;

/** What {@link KeySetValidator} found out about a zone's DNSKEY RRset. */
public sealed interface KeySetVerdict
    permits KeySetVerdict.Trusted, Verdict.Insecure, Verdict.Bogus, Verdict.Exhausted {

  /**
   * The security state of the key set.
   *
   * @return SECURE, INSECURE or BOGUS
   */
  SecurityStatus status();

  /**
   * A DS matched a zone key, and that key signs the DNSKEY RRset: every key in it is trusted.
   *
   * @param keys the zone's keys, with the TTL the validation holds for
   * @param dsKeyTag the key tag of the DS (and DNSKEY) that made the link
   * @param proof the DNSKEY RRset's verified signature
   */
  record Trusted(TrustedKeys keys, int dsKeyTag, Verdict.Secure proof) implements KeySetVerdict {
    /**
     * Checks the parts.
     *
     * @param keys the trusted keys
     * @param dsKeyTag the linking key's tag
     * @param proof the verified signature
     */
    public Trusted {
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(proof, "proof");
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.SECURE;
    }
  }
}
