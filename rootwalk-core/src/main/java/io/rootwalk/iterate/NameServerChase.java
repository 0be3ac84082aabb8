package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.Limit;
import io.rootwalk.Limits;
import io.rootwalk.Provenance;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.ResolutionListener;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.delegation.Delegation;
import io.rootwalk.observe.LookupCounters;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The CHASE_NS_ADDRESS state: when no address of a zone cut's name servers is left to try, one name
 * server's address is resolved in a nested walk (RFC 1034 section 5.3.3, step 3: "start parallel
 * resolution for the name server's address", done one at a time), and its result is folded back
 * into the cut. Bounded against NXNSAttack (Afek et al., 2020): glueless fetches per delegation,
 * chase depth, and nonexistent name servers are all limited, and a chase that needs its own answer
 * is a delegation loop.
 */
final class NameServerChase {

  private final Walk parent;
  private final TraceRecorder trace;
  private final ResolverCache cache;
  private final Limits limits;
  private final IpFamilyPolicy family;
  private final Lineage lineage;
  private final LookupCounters counters;

  NameServerChase(Walk parent, TraceRecorder trace, WalkContext context, Lineage lineage) {
    this.parent = parent;
    this.trace = trace;
    this.cache = context.cache();
    this.limits = context.config().limits();
    this.family = context.config().ipFamily();
    this.lineage = lineage;
    this.counters = context.counters();
  }

  /** Starts a chase of the next candidate name server of {@code c}, or says why not. */
  Transition start(CutAttempts c, Question current) {
    Delegation d = c.delegation();
    Question target = c.chaseCandidates(family).get(0);
    Name ns = target.name();
    c.chased(target);
    if (c.gluelessFetches() >= limits.maxGluelessFetchesPerDelegation()) {
      counters.limitReached(Limit.MAX_GLUELESS_FETCHES_PER_DELEGATION, ns);
      return new Transition.Fail(
          new Failure(
              FailureReason.LIMIT_EXCEEDED,
              "maxGluelessFetchesPerDelegation ("
                  + limits.maxGluelessFetchesPerDelegation()
                  + ") reached at "
                  + d.zone()
                  + c.chaseFailureSuffix()));
    }
    if (lineage.depth() + 1 > limits.maxChaseDepth()) {
      counters.limitReached(Limit.MAX_CHASE_DEPTH, ns);
      return new Transition.Fail(
          new Failure(
              FailureReason.LIMIT_EXCEEDED,
              "maxChaseDepth ("
                  + limits.maxChaseDepth()
                  + ") reached chasing "
                  + ns
                  + " for "
                  + d.zone()));
    }
    if (target.equals(current) || lineage.ancestors().contains(target)) {
      c.chaseFailed(ns + ": needed to resolve itself (delegation loop)");
      return new Transition.Continue(WalkState.SELECT_SERVER);
    }
    c.countGluelessFetch();
    ResolutionListener childListener = trace.chaseStarted(d.zone(), ns, target.type());
    return new Transition.Nest(
        parent.nested(target, childListener, lineage.child(current)), ns, target.type());
  }

  /**
   * Folds a finished chase into {@code c}: its trace step, the addresses it found (also into the
   * cached delegation, which they can never outlive), or why it failed.
   *
   * @param budget the parent's budget, with the chase's spending already added
   * @return the budget to go on with, or the failure that ends the whole lookup
   */
  Folded finish(CutAttempts c, Transition.Nest nest, Resolution child, WorkBudget budget) {
    Delegation d = c.delegation();
    List<InetAddress> found = child.addresses();
    trace.record(
        new TraceStep.Chase(
            d.zone(), nest.nameServer(), nest.type(), child.status(), found, child.trace()));
    Optional<Failure> childFailure = child.failure();
    if (childFailure.isPresent()
        && (childFailure.get().reason() == FailureReason.LIMIT_EXCEEDED
            || childFailure.get().reason() == FailureReason.DEADLINE_EXCEEDED)) {
      // The budget and the deadline belong to the whole lookup: what ran out in the chase ran
      // out here too. Stop and name it, rather than call the name server unresolvable, chase
      // its other address family, or cache this zone as failed (RFC 9520) for every lookup.
      return Folded.stop(
          budget,
          new Failure(
              childFailure.get().reason(),
              childFailure.get().detail()
                  + " (chasing "
                  + nest.nameServer()
                  + " "
                  + Type.string(nest.type())
                  + " for "
                  + d.zone()
                  + ")"));
    }
    if (child.status() == Status.NXDOMAIN) {
      c.nameServerDoesNotExist(nest.nameServer());
      budget = budget.withNameServerNxdomain();
      if (budget.nameServerNxdomainsExceeded()) {
        counters.limitReached(Limit.MAX_NAME_SERVER_NXDOMAINS, nest.nameServer());
        return Folded.stop(
            budget,
            new Failure(
                FailureReason.LIMIT_EXCEEDED,
                "maxNameServerNxdomains ("
                    + limits.maxNameServerNxdomains()
                    + ") exceeded: name servers of "
                    + d.zone()
                    + " do not exist"));
      }
    }
    if (!found.isEmpty()) {
      long ttl =
          child.answers().stream()
              .filter(x -> x instanceof ARecord || x instanceof AAAARecord)
              .mapToLong(Record::getTTL)
              .min()
              .orElse(0);
      Delegation enriched = d.withAddresses(nest.nameServer(), found, Provenance.CHASED, ttl);
      c.enrich(enriched);
      cache.updateDelegation(enriched);
    } else {
      c.chaseFailed(
          nest.nameServer()
              + ": "
              + child.status()
              + child.failure().map(f -> " (" + f.detail() + ")").orElse(""));
    }
    return Folded.goOn(budget);
  }

  /**
   * A chase folded in.
   *
   * @param budget what the lookup goes on with
   * @param next back to SELECT_SERVER, or the failure that ends the whole lookup
   */
  record Folded(WorkBudget budget, Transition next) {
    static Folded goOn(WorkBudget budget) {
      return new Folded(budget, new Transition.Continue(WalkState.SELECT_SERVER));
    }

    static Folded stop(WorkBudget budget, Failure failure) {
      return new Folded(budget, new Transition.Fail(failure));
    }
  }
}
