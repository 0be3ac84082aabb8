package io.rootwalk.iterate;

import io.rootwalk.Outcome;
import io.rootwalk.Question;
import io.rootwalk.Rejection;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.InfraCache;
import io.rootwalk.net.CoalescingTransport;
import io.rootwalk.net.SendStamp;
import io.rootwalk.spi.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * One upstream exchange, done: the attempt, how long it took, and the response or the transport's
 * failure, with what the timing may say about the server.
 *
 * @param attempt what was asked, of whom
 * @param rtt from sending to the response or the failure
 * @param message the response, or null when the transport failed
 * @param error the transport's failure, or null
 * @param shared whether the packet was another walk's: its RTT is that walk's to record
 * @param clipped whether the timeout was cut short by the lookup's deadline, which says nothing
 *     about the server
 */
record Exchanged(
    Attempt attempt,
    Duration rtt,
    @Nullable Message message,
    @Nullable Throwable error,
    boolean shared,
    boolean clipped) {

  /**
   * Sends {@code a} with the server's retransmit timeout, cut to what remains before the deadline.
   * The future always completes normally.
   *
   * @param fullTimeout whether to wait the full query timeout (the retry round after timeouts)
   * @param call the lookup's client call, which cancels the exchange if the client gives up
   */
  static CompletableFuture<Exchanged> send(
      WalkContext context, Attempt a, boolean fullTimeout, long deadlineNanos, ClientCall call) {
    EngineConfig config = context.config();
    long rto =
        fullTimeout
            ? config.queryTimeout().toNanos()
            : context
                .cache()
                .infra()
                .retransmitTimeoutNanos(a.server().address(), config.queryTimeout());
    long sentAt = context.deadlines().now();
    long remaining = deadlineNanos - sentAt;
    boolean clipped = remaining < rto;
    Duration timeout = Duration.ofNanos(Math.max(1_000_000L, Math.min(rto, remaining)));
    Message query = context.queries().query(a.qname(), a.qtype(), a.edns());
    InetSocketAddress to = new InetSocketAddress(a.server().address(), config.upstreamPort());
    CoalescingTransport.Sent sent;
    try {
      sent = context.transport().sendShared(query, to, a.protocol(), timeout);
    } catch (RuntimeException e) {
      sent =
          new CoalescingTransport.Sent(
              CompletableFuture.failedFuture(
                  new TransportException.Unreachable("transport rejected the query: " + e, e)),
              false,
              new SendStamp());
    }
    boolean shared = sent.shared();
    SendStamp stamp = sent.stamp();
    call.awaiting(sent.response());
    return sent.response()
        .handle(
            (m, e) ->
                new Exchanged(
                    a,
                    // Time queued in the transport was the resolver's, not the server's.
                    Duration.ofNanos(
                        Math.max(0, context.deadlines().now() - sentAt - stamp.queuedNanos())),
                    m,
                    e,
                    shared,
                    clipped));
  }

  /**
   * The response, with the letter case of its question restored under 0x20, after folding this
   * exchange's RTT, or its timeout, into what is known about the server (unless the packet or the
   * timeout was not this exchange's own).
   */
  Optional<Message> response(InfraCache infra, boolean use0x20) {
    Message m = message;
    if (m == null) {
      if (failureOutcome() instanceof Outcome.Timeout && !shared && !clipped) {
        infra.recordTimeout(attempt.server().address(), rtt);
      }
      return Optional.empty();
    }
    if (!shared) {
      infra.recordRtt(attempt.server().address(), rtt);
    }
    return Optional.of(use0x20 ? QuestionCase.restore(m, attempt.qname()) : m);
  }

  /** How the transport failed, as the trace reports it. */
  Outcome failureOutcome() {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TransportException.Timeout) {
      return new Outcome.Timeout(rtt);
    }
    if (cause instanceof TransportException.Malformed) {
      return new Outcome.Malformed(String.valueOf(cause.getMessage()));
    }
    return new Outcome.Unreachable(
        cause == null ? "no response" : String.valueOf(cause.getMessage()));
  }

  /** This exchange as a trace step. */
  TraceStep.Exchange traceStep(int port, Outcome outcome, List<Rejection> rejected) {
    return new TraceStep.Exchange(
        attempt.zone(),
        attempt.server(),
        port,
        new Question(attempt.qname(), attempt.qtype()),
        attempt.protocol(),
        attempt.edns(),
        rtt,
        outcome,
        rejected);
  }
}
