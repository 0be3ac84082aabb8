package io.rootwalk.iterate;

import io.rootwalk.Resolution;
import io.rootwalk.SecondLevelStatistics;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Trace;
import io.rootwalk.TraceStep;
import io.rootwalk.WorkSpent;
import io.rootwalk.cache.CacheJournal;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.concurrent.Deadlines;
import io.rootwalk.secondlevel.SecondLevelReader;
import io.rootwalk.secondlevel.SecondLevelWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The second-level cache around a lookup, as the engine sees it: walks read it through {@link
 * SecondLevelReader} (their READ_SECOND_LEVEL state); what they stored is written behind the
 * client's lookup and on a short timer; and an answer that rests on data from the store but fails
 * validation is walked once more without it, since the store may hold a forgery where the zone's
 * servers hold the truth.
 */
final class SecondLevelStage {

  private final SecondLevelReader reader;
  private final CacheJournal journal;

  private SecondLevelStage(SecondLevelReader reader, CacheJournal journal) {
    this.reader = reader;
    this.journal = journal;
  }

  /** The stage for {@code setup}, its writes sent on the engine's timer from now on. */
  static SecondLevelStage start(
      Engine.SecondLevel setup, ResolverCache cache, Deadlines deadlines, EngineConfig config) {
    SecondLevelReader reader =
        new SecondLevelReader(
            setup.store(),
            cache,
            setup.timeout(),
            deadlines,
            setup.continuation(),
            config.limits().maxNameServersPerDelegation());
    CacheJournal journal = cache.journal();
    deadlines.repeat(journal::flush, SecondLevelWriter.FLUSH_EVERY);
    return new SecondLevelStage(reader, journal);
  }

  SecondLevelReader reader() {
    return reader;
  }

  /**
   * {@code resolved}, once the journal has been told the lookup ended (its writes may go);
   * cancelling the result cancels {@code resolved}.
   */
  CompletableFuture<Resolution> writtenBehind(CompletableFuture<Resolution> resolved) {
    CompletableFuture<Resolution> out = new CompletableFuture<>();
    resolved.whenComplete(
        (r, e) -> {
          try {
            journal.lookupEnded();
          } finally {
            if (e == null) {
              out.complete(r);
            } else {
              out.completeExceptionally(e);
            }
          }
        });
    out.whenComplete(
        (r, e) -> {
          if (out.isCancelled()) {
            resolved.cancel(false);
          }
        });
    return out;
  }

  /**
   * {@code validated}, unless it is BOGUS and rests on data the store gave: then that data has
   * already left both caches (RFC 4035 section 4.5; the store's copy is deleted now, on the
   * connection the next read goes through), and {@code walkAgain} asks the servers only. A forged
   * entry in the shared store costs one more walk, never a SERVFAIL for the client whose lookup
   * found it; the trace keeps both attempts.
   *
   * @param walkAgain a walk that does not read the store, then validated
   */
  CompletableFuture<Resolution> againIfForged(
      CompletableFuture<Resolution> validated, Supplier<CompletableFuture<Resolution>> walkAgain) {
    return validated.thenCompose(
        v -> {
          if (v.security().status() != SecurityStatus.BOGUS || !loaded(v.trace())) {
            return CompletableFuture.completedFuture(v);
          }
          reader.loadedBogus();
          journal.flush();
          return walkAgain
              .get()
              .thenApply(
                  again -> again.validated(again.security(), joined(v.trace(), again.trace())));
        });
  }

  SecondLevelStatistics statistics() {
    return reader.statistics(journal instanceof SecondLevelWriter writer ? writer : null);
  }

  /** Whether some walk behind {@code trace} (its own, a chase's, a DS or DNSKEY fetch's) loaded. */
  private static boolean loaded(Trace trace) {
    for (TraceStep step : trace.steps()) {
      if (step instanceof TraceStep.SecondLevelRead read
          && read.result() == TraceStep.SecondLevelRead.Result.LOADED) {
        return true;
      }
      if (step instanceof TraceStep.Chase chase && loaded(chase.trace())) {
        return true;
      }
      if (step instanceof TraceStep.Validation v) {
        for (Trace fetched : v.fetched()) {
          if (loaded(fetched)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Both attempts' steps, the bogus one first; the work is the sum of both. */
  private static Trace joined(Trace bogus, Trace again) {
    List<TraceStep> steps = new ArrayList<>(bogus.steps());
    steps.addAll(again.steps());
    WorkSpent a = bogus.spent();
    WorkSpent b = again.spent();
    WorkSpent spent =
        new WorkSpent(
            a.upstreamQueries() + b.upstreamQueries(),
            b.aliasHops(),
            a.nameServerChases() + b.nameServerChases(),
            Math.max(a.maxChaseDepth(), b.maxChaseDepth()),
            a.nameServerNxdomains() + b.nameServerNxdomains(),
            a.signatureChecks() + b.signatureChecks(),
            a.nsec3Hashes() + b.nsec3Hashes());
    return new Trace(
        steps,
        bogus.upstreamQueries() + again.upstreamQueries(),
        bogus.elapsed().plus(again.elapsed()),
        spent);
  }
}
