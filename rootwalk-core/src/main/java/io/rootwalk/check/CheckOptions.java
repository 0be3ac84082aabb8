package io.rootwalk.check;

import java.time.Duration;
import java.util.Objects;

/**
 * How much work one {@code Resolver.check} may do. The check asks every address of every name
 * server a fixed set of questions (SOA and NS over UDP with and without EDNS(0) and over TCP, the
 * addresses of in-zone NS names, one AXFR, one recursive query): these bound it.
 *
 * @param queryTimeout how long to wait for each direct query's answer
 * @param deadline how long the whole check may take; what is not answered by then counts as
 *     silence, and the report still comes
 * @param maxNameServers at most this many NS names (parent's and child's together) are looked at;
 *     RFC 2182 section 5 has no use for more than a few, and a hostile zone could list hundreds
 * @param maxAddresses at most this many addresses are asked
 * @param parallelQueries at most this many direct queries in flight at once
 * @param nsTtlThreshold an NS TTL above this is {@link FindingCode#NS_TTL_LONG}
 * @param zoneTransfer whether to try one AXFR per address ({@link FindingCode#ZONE_TRANSFER_OPEN})
 * @param recursion whether to send one RD=1 query for a name outside the zone per address ({@link
 *     FindingCode#OPEN_RECURSION})
 */
public record CheckOptions(
    Duration queryTimeout,
    Duration deadline,
    int maxNameServers,
    int maxAddresses,
    int parallelQueries,
    Duration nsTtlThreshold,
    boolean zoneTransfer,
    boolean recursion) {

  private static final CheckOptions DEFAULTS =
      new CheckOptions(
          Duration.ofSeconds(2),
          Duration.ofSeconds(30),
          16,
          32,
          16,
          Duration.ofDays(1),
          true,
          true);

  /**
   * Checks the bounds.
   *
   * @param queryTimeout per-query wait
   * @param deadline the whole check's time
   * @param maxNameServers NS names looked at
   * @param maxAddresses addresses asked
   * @param parallelQueries direct queries at once
   * @param nsTtlThreshold the longest NS TTL not reported
   * @param zoneTransfer whether to try AXFR
   * @param recursion whether to test for open recursion
   * @throws IllegalArgumentException if a duration is not positive or a bound is below 1
   */
  public CheckOptions {
    positive(queryTimeout, "queryTimeout");
    positive(deadline, "deadline");
    positive(nsTtlThreshold, "nsTtlThreshold");
    if (maxNameServers < 1 || maxAddresses < 1 || parallelQueries < 1) {
      throw new IllegalArgumentException(
          "maxNameServers, maxAddresses and parallelQueries must be at least 1");
    }
  }

  /**
   * The defaults: 2 s per query, 30 s in all, 16 names, 32 addresses, 16 queries at once, NS TTLs
   * up to one day, AXFR and recursion tried.
   *
   * @return the default options
   */
  public static CheckOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with another per-query timeout.
   *
   * @param timeout the wait for each direct query
   * @return the changed options
   */
  public CheckOptions withQueryTimeout(Duration timeout) {
    return new CheckOptions(
        timeout,
        deadline,
        maxNameServers,
        maxAddresses,
        parallelQueries,
        nsTtlThreshold,
        zoneTransfer,
        recursion);
  }

  /**
   * These options with another deadline for the whole check.
   *
   * @param deadline the whole check's time
   * @return the changed options
   */
  public CheckOptions withDeadline(Duration deadline) {
    return new CheckOptions(
        queryTimeout,
        deadline,
        maxNameServers,
        maxAddresses,
        parallelQueries,
        nsTtlThreshold,
        zoneTransfer,
        recursion);
  }

  /**
   * These options with another NS TTL threshold.
   *
   * @param threshold the longest NS TTL not reported
   * @return the changed options
   */
  public CheckOptions withNsTtlThreshold(Duration threshold) {
    return new CheckOptions(
        queryTimeout,
        deadline,
        maxNameServers,
        maxAddresses,
        parallelQueries,
        threshold,
        zoneTransfer,
        recursion);
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive but was " + d);
    }
  }
}
