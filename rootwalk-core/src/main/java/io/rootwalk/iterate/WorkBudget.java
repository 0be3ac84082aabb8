package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Limit;
import io.rootwalk.Limits;
import io.rootwalk.WorkSpent;
import io.rootwalk.observe.LookupCounters;
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

  /**
   * The limit one more upstream query for {@code resolving} would break, if any; one reached is
   * reported to {@code counters}.
   */
  Optional<Failure> checkQuery(Name resolving, LookupCounters counters) {
    Limit reached = null;
    int bound = 0;
    if (upstreamQueries >= limits.maxUpstreamQueries()) {
      reached = Limit.MAX_UPSTREAM_QUERIES;
      bound = limits.maxUpstreamQueries();
    } else if (queriesForName >= limits.maxQueriesPerName()) {
      reached = Limit.MAX_QUERIES_PER_NAME;
      bound = limits.maxQueriesPerName();
    }
    if (reached == null) {
      return Optional.empty();
    }
    counters.limitReached(reached, resolving);
    return Optional.of(
        new Failure(
            FailureReason.LIMIT_EXCEEDED,
            reached.setting() + " (" + bound + ") reached resolving " + resolving));
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

  /**
   * The limit {@code hops} more alias links would break, if any. Every link counts, whether the
   * walk followed it itself, read it from the cache, or got it in a chain a server followed for it:
   * otherwise a server packing fifty links into one answer would get past a limit that one handing
   * them out one by one meets at the twelfth.
   *
   * @param hops the alias links about to join the answer
   * @param from the name the links start at
   * @param counters told when the limit is reached
   */
  Optional<Failure> checkAliasHops(int hops, Name from, LookupCounters counters) {
    if (aliasHops + hops <= limits.maxAliasHops()) {
      return Optional.empty();
    }
    counters.limitReached(Limit.MAX_ALIAS_HOPS, from);
    return Optional.of(
        new Failure(
            FailureReason.LIMIT_EXCEEDED,
            "maxAliasHops ("
                + limits.maxAliasHops()
                + ") exceeded: "
                + (hops == 1 ? "1 alias link" : hops + " alias links")
                + " from "
                + from
                + " after "
                + aliasHops
                + " already followed"));
  }

  /** {@code hops} more CNAME/DNAME links joined the answer. */
  WorkBudget withAliasHops(int hops) {
    return new WorkBudget(
        limits,
        upstreamQueries,
        queriesForName,
        aliasHops + hops,
        chases,
        maxDepth,
        nameServerNxdomains);
  }

  /**
   * The walk moves on to an alias target: the per-name query count starts over (Unbound's restart).
   */
  WorkBudget forAliasTarget() {
    return new WorkBudget(
        limits, upstreamQueries, 0, aliasHops, chases, maxDepth, nameServerNxdomains);
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
