package io.rootwalk.cache;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What the cache can say about one name and type, read in one step (RFC 1034 section 5.3.3, step 1:
 * "see if the answer is in local information"). The walk and a cache-only lookup both act on it;
 * neither reads the tables themselves.
 */
public sealed interface CacheAnswer {

  /**
   * The RRset itself, with the TTLs that remain.
   *
   * @param records the answer records
   * @param refreshDue whether the hit falls in the last tenth of the RRset's TTL and prefetching is
   *     on: the caller may refresh it in the background (Unbound's {@code prefetch})
   * @param source the cached RRset read
   */
  record Hit(List<Record> records, boolean refreshDue, CachedRRset source) implements CacheAnswer {}

  /**
   * A cached NXDOMAIN or NODATA (RFC 2308), with the SOA as it should be returned.
   *
   * @param kind NXDOMAIN or NODATA
   * @param zone the zone that said so (the SOA's owner, else the denied name)
   * @param soa the SOA with its remaining TTL, or empty when none was kept
   * @param source the cached negative answer read
   */
  record Negative(NegativeAnswer.Kind kind, Name zone, List<Record> soa, NegativeAnswer source)
      implements CacheAnswer {}

  /**
   * A cached CNAME at the name: the lookup goes on at {@code target}.
   *
   * @param records the CNAME RRset with the TTLs that remain
   * @param target the alias target
   * @param refreshDue as for {@link Hit}
   * @param source the cached CNAME RRset read
   */
  record Alias(List<Record> records, Name target, boolean refreshDue, CachedRRset source)
      implements CacheAnswer {}

  /** Nothing live is cached for the name and type. */
  record Miss() implements CacheAnswer {}
}
