package io.rootwalk.iterate;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.Limits;
import io.rootwalk.QnameMinimisation;
import io.rootwalk.RootHints;
import io.rootwalk.SiblingGluePolicy;
import io.rootwalk.TrustAnchors;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the engine needs to know, fixed at build time by {@code ResolverBuilder}.
 *
 * @param rootHints where priming starts
 * @param upstreamPort the port every upstream server is asked on (53 outside labs)
 * @param queryTimeout how long one exchange may wait
 * @param deadline how long one whole lookup may take, chases included
 * @param limits the per-lookup work limits
 * @param siblingGlue what to do with sibling glue
 * @param ednsPayloadSize the UDP payload size advertised with EDNS(0), or 0 to send no EDNS
 * @param allowLoopbackServers whether delegations may point at loopback and link-local addresses
 * @param ipFamily which address families are used, and which first
 * @param use0x20 whether query names get random letter case that the answer must echo
 * @param qnameMinimisation how much of each name servers are sent (RFC 9156)
 * @param ticker the one time source for deadlines, RTTs and the cache
 * @param maxLookupsInFlight walks that may run at once; more wait in the admission queue
 * @param maxQueuedLookups walks that may wait for a slot; beyond that a lookup fails at once
 * @param trustAnchors where DNSSEC validation starts; empty when the resolver does not validate
 * @param clock the wall clock signature validity windows are checked against
 * @param exploreServers whether server choice sometimes explores a slower server (off only in tests
 *     that check each choice)
 */
public record EngineConfig(
    RootHints rootHints,
    int upstreamPort,
    Duration queryTimeout,
    Duration deadline,
    Limits limits,
    SiblingGluePolicy siblingGlue,
    int ednsPayloadSize,
    boolean allowLoopbackServers,
    IpFamilyPolicy ipFamily,
    boolean use0x20,
    QnameMinimisation qnameMinimisation,
    Ticker ticker,
    int maxLookupsInFlight,
    int maxQueuedLookups,
    Optional<TrustAnchors> trustAnchors,
    Clock clock,
    boolean exploreServers) {

  /**
   * Whether answers are validated: queries then carry DO=1 (RFC 3225), so servers of signed zones
   * send their RRSIGs, DS and NSEC records.
   *
   * @return whether there are trust anchors to validate from
   */
  public boolean validates() {
    return trustAnchors.isPresent();
  }
}
