package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.Status;
import io.rootwalk.TraceStep;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What a state handler asks the walk loop to do next (Unbound's {@code return 1 / 0}, typed). The
 * loop alone changes the walk's state: a handler never assigns it, it returns one of these.
 */
sealed interface Transition {

  /** Run the handler of {@code next} now. */
  record Continue(WalkState next) implements Transition {}

  /**
   * Send the attempt, if the work budget and the deadline allow one more query, and park until its
   * exchange completes; then {@link WalkState#CLASSIFY}.
   */
  record Send(Attempt attempt) implements Transition {}

  /**
   * Work at a new zone cut (a referral, or the root after priming): {@link
   * WalkState#SELECT_SERVER}.
   */
  record EnterCut(CutAttempts cut) implements Transition {}

  /**
   * An alias leads on to {@code target}: the loop adds {@code links} to the answer, if the alias
   * limit allows them, then {@link WalkState#FOLLOW_ALIAS}.
   *
   * @param links the CNAME/DNAME records that lead to {@code target}: one cached CNAME, or the
   *     chain a server followed itself
   */
  record FollowAlias(List<Record> links, Name target) implements Transition {}

  /** Every server here failed: use the answer kept as this cut's last resort. */
  record LastResort(CutAttempts.Kept kept) implements Transition {}

  /** Start {@code child}, a walk for the address of {@code nameServer}, and park until it ends. */
  record Nest(Walk child, Name nameServer, int type) implements Transition {}

  /**
   * End the walk with {@code status}: the alias links so far and {@code links}, if the alias limit
   * allows them, then {@code finalRecords}.
   *
   * @param links alias records of this last step (the chain a server followed itself), if any
   * @param end the name the answer ends at: the last alias target, or the name asked
   */
  record Answered(
      Status status,
      List<Record> links,
      Name end,
      List<Record> finalRecords,
      List<Record> authority)
      implements Transition {}

  /**
   * Park until the second-level cache's read completes, record its step, then {@link
   * WalkState#CHECK_CACHE} again.
   */
  record ReadSecondLevel(CompletableFuture<TraceStep.SecondLevelRead> read) implements Transition {}

  /** End the walk in SERVFAIL for this reason, keeping what the walk had found and traced. */
  record Fail(Failure failure) implements Transition {}
}
