package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.ServerAddress;
import io.rootwalk.TraceStep;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.spi.Protocol;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The FIND_ZONE_CUT and SELECT_SERVER states: where to start, and then, at the current zone cut,
 * pick the best untried server address and the question to send it (the real one, a minimised
 * probe, or the root NS set when priming), or chase a name server's address, or retry the servers
 * that timed out, or take a last resort ({@link LastResortStage}), or give up with the reasons,
 * holding the failure (RFC 9520) so the next lookups do not repeat it at once.
 */
final class ServerStep {

  private final WalkContext context;
  private final QnameMinimiser minimiser;
  private final TraceRecorder trace;
  private final LastResortStage lastResorts;

  /** The protocol a query goes out on first: UDP, or TCP when the client asked for it. */
  private final Protocol protocol;

  ServerStep(
      WalkContext context, QnameMinimiser minimiser, TraceRecorder trace, Protocol protocol) {
    this.context = context;
    this.protocol = protocol;
    this.minimiser = minimiser;
    this.trace = trace;
    this.lastResorts = new LastResortStage(context, trace);
  }

  /**
   * FIND_ZONE_CUT: the deepest cached zone cut containing the name, or the root from the hints to
   * prime (RFC 8109 section 3) when not even the root is cached.
   */
  Transition closestCut(AnswerChain answer) {
    Name qname = answer.name();
    // A DS RRset lives on the parent side of its zone cut (RFC 4035 section 2.4): start above it.
    boolean ds = answer.question().type() == Type.DS && qname.labels() > 1;
    Optional<Delegation> cached =
        context.cache().closestDelegation(ds ? new Name(qname, 1) : qname);
    if (cached.isEmpty()) {
      Delegation hints = Delegation.fromHints(context.config().rootHints());
      return new Transition.EnterCut(new CutAttempts(hints, null, true));
    }
    Delegation d = cached.get();
    trace.record(
        new TraceStep.CacheHit(
            TraceStep.CacheHit.What.DELEGATION, answer.current(), d.zone(), d.nsRecords()));
    return new Transition.EnterCut(new CutAttempts(d, null, false));
  }

  /** SELECT_SERVER: whom to ask next at {@code c}, and what. */
  Transition select(CutAttempts c, AnswerChain answer) {
    Delegation d = c.delegation();
    if (context.closed().getAsBoolean()) {
      return new Transition.Fail(
          new Failure(
              FailureReason.RESOLVER_CLOSED,
              "the resolver was closed while resolving " + answer.name()));
    }
    int qtype = answer.question().type();
    if (c.untouched()) {
      Optional<Failure> held = context.cache().heldFailure(d.zone(), answer.name(), qtype);
      if (held.isPresent()) {
        trace.record(
            new TraceStep.CacheHit(
                TraceStep.CacheHit.What.FAILURE, answer.current(), d.zone(), List.of()));
        return new Transition.Fail(
            new Failure(
                FailureReason.CACHED_FAILURE,
                "a recent failure at "
                    + d.zone()
                    + " is held and not retried yet (RFC 9520): "
                    + held.get()));
      }
    }
    Optional<ServerAddress> next = context.selector().next(d, c.tried(), answer.current());
    if (next.isPresent()) {
      ServerAddress server = next.get();
      c.tried(server.address());
      boolean edns =
          context.config().ednsPayloadSize() > 0
              && !context.cache().infra().noEdns(server.address());
      if (c.priming()) {
        return new Transition.Send(
            new Attempt(Name.root, server, Name.root, Type.NS, protocol, edns, false));
      }
      Optional<Name> probe = minimiser.next(answer.name(), qtype, c.knownNoCutAbove());
      return new Transition.Send(
          probe.isPresent()
              ? new Attempt(d.zone(), server, probe.get(), Type.A, protocol, edns, true)
              : new Attempt(d.zone(), server, answer.name(), qtype, protocol, edns, false));
    }
    if (!c.chaseCandidates(context.config().ipFamily()).isEmpty()) {
      return new Transition.Continue(WalkState.CHASE_NS_ADDRESS);
    }
    if (c.startTimeoutRetries()) {
      // Before giving up on the zone, each server that timed out is asked once more, with the
      // full query timeout rather than its RTT-derived one (Unbound likewise retries within its
      // RTO backoff).
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    Optional<Transition> fallback = lastResorts.next(c);
    if (fallback.isPresent()) {
      return fallback.get();
    }
    Failure failure = c.explain();
    context.cache().holdFailure(c.failureScope(answer.name(), qtype), failure);
    return new Transition.Fail(failure);
  }
}
