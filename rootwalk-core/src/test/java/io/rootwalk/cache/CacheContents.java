package io.rootwalk.cache;

import io.rootwalk.delegation.Delegation;
import java.util.List;
import org.xbill.DNS.RRset;

/**
 * Everything a resolver's cache holds, for tests that must check all of it and not only the names
 * they thought to ask about: the fuzz properties look for planted records wherever they landed. A
 * test-side view (it reads the tables' Caffeine maps from their own package), so the cache grows no
 * enumeration API for users.
 */
public final class CacheContents {

  private CacheContents() {}

  /** Every RRset in the answer cache, live or expired but not yet evicted. */
  public static List<RRset> rrsets(ResolverCache cache) {
    return cache.rrsets().cache.asMap().values().stream().map(CachedRRset::rrset).toList();
  }

  /** Every zone cut in the delegation cache. */
  public static List<Delegation> delegations(ResolverCache cache) {
    return cache.delegations().cache.asMap().values().stream()
        .map(DelegationCache.Entry::delegation)
        .toList();
  }
}
