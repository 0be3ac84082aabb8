package io.rootwalk.probe;

import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.ServerAddress;
import io.rootwalk.TraceStep;
import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Sends a check's direct queries: each to one address, over the protocol and with the flags the
 * probe calls for, through the resolver's own transport (so the same socket rules, the same RFC
 * 5452 matching and the same loopback-only lab in tests). Records every exchange as a trace step,
 * in the order they end.
 */
final class DirectQueries {

  /** The DNS Flag Day 2020 payload size, as the walk advertises it. */
  private static final int EDNS_PAYLOAD = 1232;

  private final Transport transport;
  private final int port;
  private final Duration queryTimeout;
  private final long deadlineNanos;
  private final QueryWindow window;
  private final SecureRandom ids = newRandom();
  private final List<TraceStep> steps = new ArrayList<>();
  private final AtomicInteger sent = new AtomicInteger();

  DirectQueries(
      Transport transport, int port, Duration queryTimeout, long deadlineNanos, int parallel) {
    this.transport = transport;
    this.port = port;
    this.queryTimeout = queryTimeout;
    this.deadlineNanos = deadlineNanos;
    this.window = new QueryWindow(parallel);
  }

  /**
   * Asks {@code server}, as a server of {@code zone}, for {@code qname}/{@code qtype}. Completes
   * normally whatever happens: silence and errors are probes too.
   */
  CompletableFuture<Probe> ask(
      Name zone,
      ServerAddress server,
      Name qname,
      int qtype,
      Protocol protocol,
      boolean edns,
      boolean recursionDesired) {
    // One datagram lost on the way must not become NO_TCP or EDNS_BROKEN: a silent UDP query is
    // sent once more (as a resolver retries), and both exchanges stay in the trace.
    return window.submit(
        () ->
            send(zone, server, qname, qtype, protocol, edns, recursionDesired)
                .thenCompose(
                    first ->
                        protocol == Protocol.UDP
                                && first.outcome() instanceof Outcome.Timeout
                                && System.nanoTime() < deadlineNanos
                            ? send(zone, server, qname, qtype, protocol, edns, recursionDesired)
                            : CompletableFuture.completedFuture(first)));
  }

  /**
   * As {@link #ask}, but a truncated UDP response is asked again over TCP (RFC 7766 section 5), as
   * a resolver would: for the questions whose content matters (the referral, the NS set, the
   * addresses), not the SOA probes that measure each transport.
   */
  CompletableFuture<Probe> askWhole(
      Name zone,
      ServerAddress server,
      Name qname,
      int qtype,
      Protocol protocol,
      boolean edns,
      boolean recursionDesired) {
    return ask(zone, server, qname, qtype, protocol, edns, recursionDesired)
        .thenCompose(
            p ->
                p.outcome() instanceof Outcome.Truncated
                    ? ask(zone, server, qname, qtype, Protocol.TCP, edns, recursionDesired)
                    : CompletableFuture.completedFuture(p));
  }

  private CompletableFuture<Probe> send(
      Name zone,
      ServerAddress server,
      Name qname,
      int qtype,
      Protocol protocol,
      boolean edns,
      boolean recursionDesired) {
    Message query = Message.newQuery(Record.newRecord(qname, qtype, DClass.IN));
    int id;
    synchronized (ids) {
      id = ids.nextInt(0x10000);
    }
    query.getHeader().setID(id);
    if (!recursionDesired) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    if (edns) {
      query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, 0), Section.ADDITIONAL);
    }
    long left = deadlineNanos - System.nanoTime();
    Duration timeout =
        queryTimeout.compareTo(Duration.ofNanos(left)) < 0
            ? queryTimeout
            : Duration.ofNanos(Math.max(0, left));
    long start = System.nanoTime();
    if (timeout.isZero()) {
      Outcome late = new Outcome.Timeout(Duration.ZERO);
      return CompletableFuture.completedFuture(
          record(
              zone, server, qname, qtype, protocol, edns, Duration.ZERO, late, Optional.empty()));
    }
    return transport
        .send(query, new InetSocketAddress(server.address(), port), protocol, timeout)
        .handle(
            (response, error) -> {
              Duration rtt = Duration.ofNanos(System.nanoTime() - start);
              if (response != null) {
                Outcome outcome = ProbeOutcome.of(response, zone, qname, protocol, edns);
                return record(
                    zone,
                    server,
                    qname,
                    qtype,
                    protocol,
                    edns,
                    rtt,
                    outcome,
                    Optional.of(response));
              }
              Throwable cause =
                  error instanceof CompletionException c && c.getCause() != null
                      ? c.getCause()
                      : error;
              Outcome outcome;
              if (cause instanceof TransportException.Unreachable u) {
                outcome = new Outcome.Unreachable(String.valueOf(u.getMessage()));
              } else if (cause instanceof TransportException.Malformed m) {
                outcome = new Outcome.Malformed(String.valueOf(m.getMessage()));
              } else {
                outcome = new Outcome.Timeout(rtt);
              }
              return record(
                  zone, server, qname, qtype, protocol, edns, rtt, outcome, Optional.empty());
            });
  }

  private Probe record(
      Name zone,
      ServerAddress server,
      Name qname,
      int qtype,
      Protocol protocol,
      boolean edns,
      Duration rtt,
      Outcome outcome,
      Optional<Message> response) {
    Optional<TraceStep.Exchange> step = Optional.empty();
    if (qtype != Type.AXFR) {
      TraceStep.Exchange exchange =
          new TraceStep.Exchange(
              zone,
              server,
              port,
              new Question(qname, qtype),
              protocol,
              edns,
              rtt,
              outcome,
              List.of());
      synchronized (steps) {
        steps.add(exchange);
      }
      step = Optional.of(exchange);
    }
    sent.incrementAndGet();
    return new Probe(server, qname, qtype, protocol, edns, rtt, outcome, response, step);
  }

  /** How many direct queries were sent (or given up on at the deadline), the AXFR included. */
  int sent() {
    return sent.get();
  }

  /** Every exchange so far, in the order they ended. */
  List<TraceStep> steps() {
    synchronized (steps) {
      return List.copyOf(steps);
    }
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG"); // RFC 5452 section 9.2: unpredictable IDs
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
