package io.rootwalk.dnssec;

import java.util.Objects;
import org.xbill.DNS.Name;

/**
 * What the validator knows about the keys that cover a name (Unbound's {@code key_entry}): the
 * trusted DNSKEYs of its zone, a proof that the zone is unsigned, or a chain that failed. Cached by
 * {@link KeyCache} under the names it was learnt for, so later answers from the same zone cost no
 * DS or DNSKEY lookup and no key-set verification.
 */
public sealed interface KeyEntry {

  /**
   * The zone the entry is about: whose keys, or the delegation proven unsigned, or where the chain
   * broke.
   *
   * @return the zone apex
   */
  Name zone();

  /**
   * How long the entry holds, in seconds from when it was made.
   *
   * @return the TTL: the least TTL of the records and signatures it rests on, or the bogus hold
   */
  long ttl();

  /**
   * The zone's DNSKEY RRset validated: its RRsets are verified with these keys.
   *
   * @param keys the trusted keys, with the TTL they hold for
   */
  record Trusted(TrustedKeys keys) implements KeyEntry {
    /**
     * Checks the keys.
     *
     * @param keys the trusted keys
     */
    public Trusted {
      Objects.requireNonNull(keys, "keys");
    }

    @Override
    public Name zone() {
      return keys.zone();
    }

    @Override
    public long ttl() {
      return keys.ttl();
    }
  }

  /**
   * The zone (and everything below it) has no chain of trust, provably: data there is used without
   * the AD bit (RFC 4035 section 5.2).
   *
   * @param zone the unsigned delegation
   * @param detail how that was proven, or which algorithm is not supported
   * @param ttl seconds the proof holds
   */
  record Insecure(Name zone, String detail, long ttl) implements KeyEntry {
    /**
     * Checks the parts.
     *
     * @param zone the delegation
     * @param detail one line
     * @param ttl seconds, not negative
     */
    public Insecure {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(detail, "detail");
      if (ttl < 0) {
        throw new IllegalArgumentException("ttl must be >= 0 but was " + ttl);
      }
    }
  }

  /**
   * The chain of trust to the zone is broken: nothing from it may be used (RFC 4035 section 5.5).
   * Held briefly, as Unbound's {@code val-bogus-ttl} does, so a broken zone is not refetched for
   * every query but a repaired one is soon trusted again.
   *
   * @param zone where the chain broke
   * @param edeCode the RFC 8914 extended error for it
   * @param detail what failed
   * @param ttl seconds the failure is held
   */
  record Bogus(Name zone, int edeCode, String detail, long ttl) implements KeyEntry {
    /**
     * Checks the parts.
     *
     * @param zone where the chain broke
     * @param edeCode the extended error
     * @param detail one line
     * @param ttl seconds, not negative
     */
    public Bogus {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(detail, "detail");
      if (ttl < 0) {
        throw new IllegalArgumentException("ttl must be >= 0 but was " + ttl);
      }
    }
  }
}
