package io.rootwalk.dnssec;

import io.rootwalk.SecurityStatus;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;

/**
 * What {@link RRsetVerifier} found out about one RRset. The failures are shared with the other
 * verdicts ({@link KeySetVerdict}, {@link NoDsVerdict}), so one switch over them handles all.
 */
public sealed interface Verdict {

  /**
   * The security state this verdict puts the RRset in.
   *
   * @return SECURE, INSECURE or BOGUS
   */
  SecurityStatus status();

  /**
   * A signature verified with a trusted key.
   *
   * @param signature the RRSIG that verified
   * @param keyTag the tag of the DNSKEY that verified it
   * @param ttl how long the RRset may be kept as secure, in seconds: the least of its TTL, the
   *     RRSIG's original TTL and the time left until the signature expires (RFC 4035 5.3.3)
   * @param wildcard the wildcard the RRset was expanded from, when the RRSIG's Labels field is less
   *     than the owner's label count (RFC 4035 5.3.4); the walk must then also see a proof that no
   *     closer name exists
   */
  record Secure(RRSIGRecord signature, int keyTag, long ttl, Optional<Name> wildcard)
      implements Verdict {
    /**
     * Checks the parts.
     *
     * @param signature the RRSIG
     * @param keyTag the key's tag
     * @param ttl seconds, not negative
     * @param wildcard the wildcard name, if expanded
     */
    public Secure {
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(wildcard, "wildcard");
      if (ttl < 0) {
        throw new IllegalArgumentException("ttl must be >= 0 but was " + ttl);
      }
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.SECURE;
    }
  }

  /**
   * Nothing this validator can check vouches for the data, and that is allowed: the data is used
   * without the AD bit.
   *
   * @param reason why
   * @param detail one line naming the algorithm, digest or record
   */
  record Insecure(InsecureReason reason, String detail)
      implements Verdict, KeySetVerdict, NoDsVerdict, DenialVerdict {
    /**
     * Checks the parts.
     *
     * @param reason why
     * @param detail one line
     */
    public Insecure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.INSECURE;
    }
  }

  /**
   * The data should validate and does not: it must not be used (RFC 4035 section 5.5).
   *
   * @param reason the typed reason, with its extended DNS error
   * @param detail one line naming the record, key tag or time that failed
   */
  record Bogus(BogusReason reason, String detail)
      implements Verdict, KeySetVerdict, NoDsVerdict, DenialVerdict {
    /**
     * Checks the parts.
     *
     * @param reason why
     * @param detail one line
     */
    public Bogus {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.BOGUS;
    }
  }

  /**
   * The validator gave up before it found an answer: a cap of the {@link ValidationBudget} was
   * reached. The data is not validated and must not be trusted, so the status is BOGUS; unlike a
   * failed check, retrying at another server is wasted work (Knot Resolver 5.7.1 does not retry
   * then either).
   *
   * @param limit the cap reached
   * @param detail one line saying where
   */
  record Exhausted(ValidationBudget.Limit limit, String detail)
      implements Verdict, KeySetVerdict, NoDsVerdict, DenialVerdict {
    /** RFC 8914 has no code for this; 0 is "Other Error" (section 4.1), with the detail as text. */
    public static final int EDE_CODE = 0;

    /**
     * Checks the parts.
     *
     * @param limit the cap
     * @param detail one line
     */
    public Exhausted {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public SecurityStatus status() {
      return SecurityStatus.BOGUS;
    }
  }
}
