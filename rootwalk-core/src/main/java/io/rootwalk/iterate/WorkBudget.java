package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Limits;
import io.rootwalk.WorkSpent;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * What one client lookup may still spend, and has spent, merging Netty's {@code allowedQueries},
 * hickory's recursion limit and Unbound's target counts into one value. It is replaced, never
 * mutated: a nested chase is handed the parent's budget and hands back what is left.
 */
record WorkBudget(
    Limits limits,
    int upstreamQueries,
    int queriesForName,
    int aliasHops,
    int chases,
    int maxDepth,
    int nameServerNxdomains) {

  static WorkBudget start(Limits limits) {
    return new WorkBudget(limits, 0, 0, 0, 0, 0, 0);
  }

  /** The limit one more upstream query for {@code resolving} would break, if any. */
  Optional<Failure> checkQuery(Name resolving) {
    String exceeded = null;
    if (upstreamQueries >= limits.maxUpstreamQueries()) {
      exceeded = "maxUpstreamQueries (" + limits.maxUpstreamQueries() + ")";
    } else if (queriesForName >= limits.maxQueriesPerName()) {
      exceeded = "maxQueriesPerName (" + limits.maxQueriesPerName() + ")";
    }
    return exceeded == null
        ? Optional.empty()
        : Optional.of(
            new Failure(
                FailureReason.LIMIT_EXCEEDED, exceeded + " reached resolving " + resolving));
  }

  WorkBudget withQuery() {
    return new WorkBudget(
        limits,
        upstreamQueries + 1,
        queriesForName + 1,
        aliasHops,
        chases,
        maxDepth,
        nameServerNxdomains);
  }

  /** One more CNAME/DNAME hop; the per-name query count starts over (Unbound's restart). */
  WorkBudget withAliasHop() {
    return new WorkBudget(
        limits, upstreamQueries, 0, aliasHops + 1, chases, maxDepth, nameServerNxdomains);
  }

  boolean aliasHopsExhausted() {
    return aliasHops >= limits.maxAliasHops();
  }

  /** A chase begins at {@code depth}; it resolves a new name, so its per-name count starts at 0. */
  WorkBudget forChase(int depth) {
    return new WorkBudget(
        limits,
        upstreamQueries,
        0,
        aliasHops,
        chases + 1,
        Math.max(maxDepth, depth),
        nameServerNxdomains);
  }

  /** Back from a chase: keep the totals it spent, restore this name's own per-name count. */
  WorkBudget afterChase(WorkBudget child) {
    return new WorkBudget(
        limits,
        child.upstreamQueries,
        queriesForName,
        aliasHops,
        child.chases,
        child.maxDepth,
        child.nameServerNxdomains);
  }

  WorkBudget withNameServerNxdomain() {
    return new WorkBudget(
        limits,
        upstreamQueries,
        queriesForName,
        aliasHops,
        chases,
        maxDepth,
        nameServerNxdomains + 1);
  }

  boolean nameServerNxdomainsExceeded() {
    return nameServerNxdomains > limits.maxNameServerNxdomains();
  }

  WorkSpent spent() {
    return new WorkSpent(upstreamQueries, aliasHops, chases, maxDepth, nameServerNxdomains);
  }
}
