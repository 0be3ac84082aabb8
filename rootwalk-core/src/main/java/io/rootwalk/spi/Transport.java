package io.rootwalk.spi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Message;

/**
 * Sends one DNS query to one upstream server and completes with the matching response.
 *
 * <p>This is the single seam between the iterative engine and the network (OkHttp's one-method
 * {@code Dns} idea): the engine decides what to ask, whom, over which protocol and for how long; a
 * transport only moves bytes. Behaviour such as retries is the engine's job, not the transport's.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>The returned future completes exactly once, no later than {@code timeout} after the call
 *       (give or take scheduling jitter of a few milliseconds), and never blocks the caller.
 *   <li>It completes normally only with a response whose ID, question (name, type and class) and
 *       source address and port match the query (RFC 5452 section 9.1). A datagram that fails any
 *       of these checks is ignored and the transport keeps waiting for the real answer.
 *   <li>Otherwise it completes exceptionally with a {@link TransportException}: {@link
 *       TransportException.Timeout}, {@link TransportException.Malformed} (the server answered with
 *       the right ID but bytes that do not parse), or {@link TransportException.Unreachable}
 *       (connection refused, ICMP port unreachable, no route).
 *   <li>Dependent stages may run on the transport's I/O thread: they must be short and must not
 *       block.
 *   <li>Cancelling the returned future abandons the exchange and releases its socket; a response
 *       that arrives later is dropped.
 * </ul>
 *
 * <p>The default, used unless {@code ResolverBuilder.transport} replaces it, is Rootwalk's own
 * non-blocking UDP/TCP transport: one selector thread per resolver, a fresh random source port per
 * UDP query, and the matching above.
 */
@FunctionalInterface
public interface Transport {

  /**
   * Sends {@code query} to {@code server} over {@code protocol}.
   *
   * @param query the complete query message; its ID is used as is
   * @param server the server's address and port
   * @param protocol UDP or TCP (RFC 7766 two-byte length framing)
   * @param timeout how long to wait for a matching response
   * @return completes with the matching response, or exceptionally with a {@link
   *     TransportException}, within {@code timeout}
   */
  CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout);
}
