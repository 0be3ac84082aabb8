package io.rootwalk.testing.dnssec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;

/**
 * Where {@link WorldSigner} takes its keys from. RSA key generation takes tens to hundreds of
 * milliseconds a key, and a signed demo world needs two dozen, so RSA keys are made once per JVM
 * for each zone, algorithm and flags and then shared by every world signed in that run. Elliptic
 * curve and Edwards keys take well under a millisecond and are fresh every time.
 */
final class KeyRing {

  private record Slot(Name zone, int algorithm, int flags) {}

  private static final Map<Slot, SigningKey> RSA_KEYS = new ConcurrentHashMap<>();

  private KeyRing() {}

  /**
   * A key for {@code zone}: cached for RSA algorithms, fresh otherwise.
   *
   * @param zone the zone apex that publishes it
   * @param algorithm the DNSSEC algorithm number
   * @param flags the DNSKEY flags
   * @return the key
   */
  static SigningKey key(Name zone, int algorithm, int flags) {
    if (algorithm == DNSSEC.Algorithm.RSASHA256 || algorithm == DNSSEC.Algorithm.RSASHA512) {
      return RSA_KEYS.computeIfAbsent(
          new Slot(zone, algorithm, flags), s -> SigningKey.generate(zone, algorithm, flags));
    }
    return SigningKey.generate(zone, algorithm, flags);
  }
}
