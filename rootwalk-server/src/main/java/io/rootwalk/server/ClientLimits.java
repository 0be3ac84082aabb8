package io.rootwalk.server;

/**
 * What one client may take of a {@link RecursiveServer}, so that no single client (or address
 * prefix) can starve the others. The shared limits (256 TCP connections, 10,000 lookups in flight)
 * stay; these divide them. {@link #DEFAULT} caps each client address at 32 TCP connections and
 * 1,000 lookups in flight, with UDP response rate limiting off.
 *
 * <p>When a shared table is full anyway (many moderately heavy clients), the heaviest client loses
 * first: a newcomer takes the place of that client's oldest idle connection or oldest lookup, so a
 * light client is still admitted (see {@code ClientShares}).
 *
 * @param maxTcpConnectionsPerClient TCP connections one client address may hold open. The default,
 *     32, is an eighth of the 256 shared slots: a client with more is cut back at once (the
 *     connection is accepted and closed, as Unbound does at its {@code tcp-connection-limit}), so
 *     at least eight clients are needed to fill the table. PowerDNS Recursor's {@code
 *     max-tcp-per-client} and dnsdist's {@code setMaxTCPConnectionsPerClient} are the same knob
 *     (off by default there); a stub needs one or two connections, a forwarder a few
 * @param maxLookupsPerClient resolutions one client address may have in flight. The default, 1,000,
 *     is a tenth of the shared 10,000. A query beyond it is answered from the cache when the cache
 *     knows the answer, else at once with SERVFAIL and an RFC 8914 extended error (code 0, "Other",
 *     with the reason in words). SERVFAIL rather than REFUSED: REFUSED says "not for you" (the
 *     access list's answer), this says "try again later", and it is what the shared cap and
 *     Unbound's and BIND's query quotas answer. Answering rather than dropping keeps the client
 *     from waiting out a timeout and retrying into the same queue
 * @param rateLimit UDP queries per second one client prefix (a /24 for IPv4, a /56 for IPv6) may
 *     send before its responses are limited; 0 (the default) turns response rate limiting off. The
 *     bucket holds one second's worth, so a burst of {@code rateLimit} is fine. Counted before the
 *     cache, as Unbound's {@code ip-ratelimit}, so a flood costs neither a parse nor a lookup; TCP
 *     is never limited (its source cannot be forged). Knot Resolver's {@code rate-limit} and BIND's
 *     {@code responses-per-second} are the same idea
 * @param rateLimitSlip of the limited responses, every Nth is sent as an empty TC=1 reply, so that
 *     a real client behind a forged flood retries over TCP and is answered; the others are dropped
 *     (BIND's and Knot Resolver's {@code slip}, default 2 in both; Unbound's {@code
 *     ip-ratelimit-factor} lets every Nth through whole instead). 0 drops every limited response, 1
 *     truncates every one; at most 10, as BIND allows
 */
public record ClientLimits(
    int maxTcpConnectionsPerClient, int maxLookupsPerClient, int rateLimit, int rateLimitSlip) {

  /** 32 TCP connections and 1,000 lookups per client address; rate limiting off, slip 2. */
  public static final ClientLimits DEFAULT = new ClientLimits(32, 1_000, 0, 2);

  /** The largest slip BIND accepts: beyond it hardly any limited client is told to use TCP. */
  public static final int MAX_SLIP = 10;

  /**
   * Checks the ranges.
   *
   * @throws IllegalArgumentException naming the field and value when one is out of range
   */
  public ClientLimits {
    if (maxTcpConnectionsPerClient < 1) {
      throw new IllegalArgumentException(
          "maxTcpConnectionsPerClient must be >= 1 but was " + maxTcpConnectionsPerClient);
    }
    if (maxLookupsPerClient < 1) {
      throw new IllegalArgumentException(
          "maxLookupsPerClient must be >= 1 but was " + maxLookupsPerClient);
    }
    if (rateLimit < 0) {
      throw new IllegalArgumentException("rateLimit must be >= 0 but was " + rateLimit);
    }
    if (rateLimitSlip < 0 || rateLimitSlip > MAX_SLIP) {
      throw new IllegalArgumentException(
          "rateLimitSlip must be in 0.." + MAX_SLIP + " but was " + rateLimitSlip);
    }
  }

  /** These limits with another per-client TCP connection cap. */
  public ClientLimits withMaxTcpConnectionsPerClient(int value) {
    return new ClientLimits(value, maxLookupsPerClient, rateLimit, rateLimitSlip);
  }

  /** These limits with another per-client cap on lookups in flight. */
  public ClientLimits withMaxLookupsPerClient(int value) {
    return new ClientLimits(maxTcpConnectionsPerClient, value, rateLimit, rateLimitSlip);
  }

  /** These limits with UDP response rate limiting at {@code qps} per prefix (0: off). */
  public ClientLimits withRateLimit(int qps) {
    return new ClientLimits(maxTcpConnectionsPerClient, maxLookupsPerClient, qps, rateLimitSlip);
  }

  /** These limits with another slip (every Nth limited response sent as TC=1). */
  public ClientLimits withRateLimitSlip(int slip) {
    return new ClientLimits(maxTcpConnectionsPerClient, maxLookupsPerClient, rateLimit, slip);
  }

  /** Whether UDP response rate limiting is on. */
  public boolean rateLimited() {
    return rateLimit > 0;
  }
}
