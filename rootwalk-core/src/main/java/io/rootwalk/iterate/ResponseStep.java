package io.rootwalk.iterate;

import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Rejection;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.spi.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The CLASSIFY state: what an exchange's response means and what the walk does about it. The
 * response is scrubbed ({@link BailiwickScrubber}) and classified ({@link ResponseClassifier})
 * before anything in it is used; what it teaches is stored by {@link ResponseStore}; the trace gets
 * one exchange step; and the walk is told where to go: retry over TCP or without EDNS, the next
 * server, a new zone cut, an alias target, or the end.
 */
final class ResponseStep {

  private static final BailiwickScrubber SCRUBBER = new BailiwickScrubber();
  private static final ResponseClassifier CLASSIFIER = new ResponseClassifier();

  private final WalkContext context;
  private final ResponseStore store;
  private final QnameMinimiser minimiser;
  private final TraceRecorder trace;

  /** The protocol a query goes out on first: UDP, or TCP when the client asked for it. */
  private final Protocol protocol;

  ResponseStep(
      WalkContext context, QnameMinimiser minimiser, TraceRecorder trace, Protocol protocol) {
    this.context = context;
    this.protocol = protocol;
    this.store = new ResponseStore(context.cache(), context.config(), context.counters());
    this.minimiser = minimiser;
    this.trace = trace;
  }

  Transition classify(Exchanged x, CutAttempts cut, AnswerChain answer) {
    Attempt a = x.attempt();
    Optional<Message> response = x.response(context.cache().infra(), context.config().use0x20());
    if (response.isEmpty()) {
      Outcome outcome = x.failureOutcome();
      if (outcome instanceof Outcome.Timeout) {
        cut.timedOut(a.server().address());
      }
      return serverFailed(x, cut, outcome, List.of());
    }
    // TTLs are clamped here, once, before anything reads them: the fresh answer, what is cached
    // and the delegations learnt all carry the same minTtl..maxTtl bounded values.
    Scrubbed s =
        SCRUBBER
            .scrub(response.get(), a.qname(), a.qtype(), a.zone())
            .clamped(context.cache().policy());
    ResponseKind kind =
        CLASSIFIER.classify(
            response.get(),
            s,
            a.qname(),
            a.qtype(),
            a.zone(),
            a.protocol(),
            a.edns(),
            cut.priming());
    if (kind instanceof ResponseKind.Truncated) {
      record(x, kind.outcome(), s.rejected());
      return new Transition.Send(a.overTcp());
    }
    if (kind instanceof ResponseKind.EdnsRejected) {
      record(x, kind.outcome(), s.rejected());
      context.cache().infra().recordNoEdns(a.server().address());
      return new Transition.Send(a.withoutEdns());
    }
    if (a.minimised()) {
      Optional<Transition> probed = afterMinimisedProbe(x, kind, s, cut, answer);
      if (probed.isPresent()) {
        return probed.get();
      }
    }
    if (kind instanceof ResponseKind.Lame l) {
      store.lame(a, l.reason());
      return serverFailed(x, cut, kind.outcome(), s.rejected());
    }
    if (kind instanceof ResponseKind.Data d && d.authority() == Authority.RECURSIVE) {
      // A recursive resolver listed as authoritative: what it says is kept, and used only if
      // every other server of this cut fails (the last-resort stage of ServerStep).
      cut.keepLastResort(new CutAttempts.Kept(x, kind, s));
      store.lame(a, LameReason.RECURSION_LAME);
      Outcome lame =
          new Outcome.Lame(
              LameReason.RECURSION_LAME,
              response.get().getRcode(),
              "RA set, AA clear: a recursive server; its answer is kept as a last resort");
      return serverFailed(x, cut, lame, s.rejected());
    }
    if (kind instanceof ResponseKind.PrimingAnswer p) {
      Delegation primed = store.primed(a, p, cut.delegation());
      record(x, new Outcome.Priming(primed.nameServers(), primed.addresses().size()), s.rejected());
      return new Transition.EnterCut(new CutAttempts(primed, null, false));
    }
    if (kind instanceof ResponseKind.Referral r) {
      Delegation.FromReferral read = store.referred(a, r, s);
      List<Rejection> rejected = new ArrayList<>(s.rejected());
      rejected.addAll(read.setAside());
      record(x, read.outcome(), rejected);
      return new Transition.EnterCut(new CutAttempts(read.delegation(), a.zone(), false));
    }
    record(x, kind.outcome(), s.rejected());
    return accept(a, kind, s, answer);
  }

  /**
   * LAST_RESORT: every server of the cut failed, so the answer a recursion-lame server gave is used
   * after all, with a trace step saying so; it is cached below anything an authoritative server
   * says.
   */
  Transition lastResort(CutAttempts.Kept kept, AnswerChain answer) {
    Attempt a = kept.exchanged().attempt();
    trace.record(
        new TraceStep.LastResort(
            a.zone(),
            TraceStep.LastResort.Fallback.RECURSION_LAME_ANSWER,
            "every other server of " + a.zone() + " failed",
            List.of(a.server()),
            Optional.of(kept.kind().outcome())));
    return accept(a, kept.kind(), kept.scrubbed(), answer);
  }

  /** Data for the question, or a YXDOMAIN: stored, and the lookup goes on or ends with it. */
  private Transition accept(Attempt a, ResponseKind kind, Scrubbed s, AnswerChain answer) {
    store.answered(a, kind, ResponseKind.proof(s), answer.question().type());
    if (kind instanceof ResponseKind.Data d && d.authority() == Authority.AUTHORITATIVE) {
      store.childSide(a, s);
    }
    // Every link of a chain the server followed itself goes back to the walk, which counts each
    // against maxAliasHops before it joins the answer.
    if (kind instanceof ResponseKind.YxDomain y) {
      return new Transition.Answered(
          Status.YXDOMAIN, ResponseKind.records(y.chain()), answer.name(), List.of(), List.of());
    }
    if (kind instanceof ResponseKind.Alias al) {
      return new Transition.FollowAlias(ResponseKind.records(al.chain()), al.target());
    }
    if (kind instanceof ResponseKind.Denial d) {
      List<Record> authority = new ArrayList<>(context.cache().negativeAuthority(d.soa()));
      authority.addAll(ResponseKind.proof(s));
      return new Transition.Answered(
          d.status(), ResponseKind.records(d.chain()), d.name(), List.of(), authority);
    }
    // An answer: the links of the chain the server followed itself, then the final RRset.
    List<Record> links = new ArrayList<>();
    List<Record> finalRecords = new ArrayList<>();
    for (RRset set : ((ResponseKind.Answer) kind).rrsets()) {
      boolean isFinal =
          set.getName().equals(s.finalName())
              && (set.getType() == a.qtype() || a.qtype() == Type.ANY);
      List<Record> into = isFinal ? finalRecords : links;
      into.addAll(set.rrs(false));
      into.addAll(set.sigs());
    }
    // A wildcard expansion comes with the NSEC or NSEC3 proving no closer name exists.
    return new Transition.Answered(
        Status.NOERROR, links, s.finalName(), finalRecords, ResponseKind.proof(s));
  }

  /**
   * What a minimised probe's response means (RFC 9156), per {@link QnameMinimiser#judge}: a
   * referral or a lame answer is handled as for the full name; no cut at the probe means the next
   * probe goes deeper; in relaxed mode NXDOMAIN or REFUSED has the same server asked the full name
   * once (RFC 9156 section 3), whose answer then counts, while in strict mode an NXDOMAIN ends the
   * lookup (RFC 8020); an alias sends the full name.
   */
  private Optional<Transition> afterMinimisedProbe(
      Exchanged x, ResponseKind kind, Scrubbed s, CutAttempts cut, AnswerChain answer) {
    QnameMinimiser.Verdict verdict = minimiser.judge(kind, answer.name());
    if (verdict == QnameMinimiser.Verdict.AS_USUAL) {
      return Optional.empty();
    }
    if (verdict == QnameMinimiser.Verdict.DENIED_BELOW) {
      record(x, kind.outcome(), s.rejected());
      // The denial is cached for the probe's name, where the server gave it (RFC 8020 then
      // answers every name below it from the cache); the lookup ends NXDOMAIN for its own name.
      Transition.Answered denied = (Transition.Answered) accept(x.attempt(), kind, s, answer);
      return Optional.of(
          new Transition.Answered(
              denied.status(),
              denied.links(),
              answer.name(),
              denied.finalRecords(),
              denied.authority()));
    }
    if (verdict == QnameMinimiser.Verdict.ASK_THIS_SERVER_THE_FULL_NAME) {
      record(x, kind.outcome(), s.rejected());
      Attempt a = x.attempt();
      return Optional.of(
          new Transition.Send(
              new Attempt(
                  a.zone(),
                  a.server(),
                  answer.name(),
                  answer.question().type(),
                  protocol,
                  a.edns(),
                  false)));
    }
    Outcome outcome =
        verdict == QnameMinimiser.Verdict.NO_CUT_HERE
            ? (kind instanceof ResponseKind.NoData nd
                ? new Outcome.NoData(nd.soa(), List.of())
                : kind.outcome())
            : new Outcome.Cname(List.of(), answer.name());
    record(x, outcome, s.rejected());
    if (verdict == QnameMinimiser.Verdict.NO_CUT_HERE) {
      cut.noCutAt(x.attempt().qname());
    }
    cut.mayAskAgain(x.attempt().server().address());
    return Optional.of(new Transition.Continue(WalkState.SELECT_SERVER));
  }

  private Transition serverFailed(
      Exchanged x, CutAttempts cut, Outcome outcome, List<Rejection> rejected) {
    record(x, outcome, rejected);
    cut.failed(x.attempt().server(), outcome);
    return new Transition.Continue(WalkState.SELECT_SERVER);
  }

  private void record(Exchanged x, Outcome outcome, List<Rejection> rejected) {
    trace.record(x.traceStep(context.config().upstreamPort(), outcome, rejected));
  }
}
