package io.rootwalk.server;

/**
 * What one client may take of a {@link RecursiveServer}, so that no single client can starve the
 * others. The shared limits (256 TCP connections, 10,000 lookups in flight) stay; these divide
 * them. {@link #DEFAULT} caps each client address at 32 TCP connections and 1,000 lookups in
 * flight.
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
 */
public record ClientLimits(int maxTcpConnectionsPerClient, int maxLookupsPerClient) {

  /** 32 TCP connections and 1,000 lookups in flight per client address. */
  public static final ClientLimits DEFAULT = new ClientLimits(32, 1_000);

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
  }

  /** These limits with another per-client TCP connection cap. */
  public ClientLimits withMaxTcpConnectionsPerClient(int value) {
    return new ClientLimits(value, maxLookupsPerClient);
  }

  /** These limits with another per-client cap on lookups in flight. */
  public ClientLimits withMaxLookupsPerClient(int value) {
    return new ClientLimits(maxTcpConnectionsPerClient, value);
  }
}
