package io.rootwalk.iterate;

import io.rootwalk.Resolution;
import org.xbill.DNS.Name;

/**
 * What a state handler asks the walk loop to do next (Unbound's {@code return 1 / 0}, typed):
 * go on to another state now, wait for an upstream exchange, wait for a nested walk, or finish.
 */
sealed interface Transition {

  record Continue(WalkState next) implements Transition {}

  record Send(Attempt attempt) implements Transition {}

  record Nest(Walk child, Name nameServer, int type) implements Transition {}

  record Done(Resolution resolution) implements Transition {}
}
