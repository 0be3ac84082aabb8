package io.rootwalk.dnssec;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;

/**
 * A zone's DNSKEY RRset once it is validated: the keys its other RRsets are verified with.
 *
 * @param zone the zone apex, the owner of the keys
 * @param keys the DNSKEY records
 * @param ttl how long the validation holds, in seconds (RFC 4035 section 5.3.3)
 */
public record TrustedKeys(Name zone, List<DNSKEYRecord> keys, long ttl) {

  /**
   * Copies the list and checks that every key is the zone's.
   *
   * @param zone the zone apex
   * @param keys its DNSKEY records
   * @param ttl seconds, not negative
   * @throws IllegalArgumentException if a key is owned by another name or the TTL is negative
   */
  public TrustedKeys {
    Objects.requireNonNull(zone, "zone");
    keys = List.copyOf(keys);
    for (DNSKEYRecord key : keys) {
      if (!key.getName().equals(zone)) {
        throw new IllegalArgumentException("DNSKEY of " + key.getName() + " is not zone " + zone);
      }
    }
    if (ttl < 0) {
      throw new IllegalArgumentException("ttl must be >= 0 but was " + ttl);
    }
  }
}
