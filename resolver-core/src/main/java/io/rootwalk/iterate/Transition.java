package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.Resolution;
import org.xbill.DNS.Name;

/**
 * What a state handler asks the walk loop to do next (Unbound's {@code return 1 / 0}, typed):
 * go on to another state now, wait for an upstream exchange, wait for a nested walk, or finish
 * with a resolution or a failure.
 */
sealed interface Transition {

  /** Run the handler of {@code next} now. */
  record Continue(WalkState next) implements Transition {}

  /** Send the attempt and park until its exchange completes; then {@link WalkState#CLASSIFY}. */
  record Send(Attempt attempt) implements Transition {}

  /** Start {@code child}, a walk for the address of {@code nameServer}, and park until it ends. */
  record Nest(Walk child, Name nameServer, int type) implements Transition {}

  /** End the walk with this resolution. */
  record Done(Resolution resolution) implements Transition {}

  /** End the walk in SERVFAIL for this reason, keeping what the walk had found and traced. */
  record Fail(Failure failure) implements Transition {}
}
