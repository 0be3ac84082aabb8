/**
 * Concurrency the resolver owns: {@link io.rootwalk.concurrent.SingleFlight}, which does identical
 * in-flight work once, and {@link io.rootwalk.concurrent.Deadlines}, the resolver's one time source
 * and the timer thread that enforces its deadlines. Internal: not API.
 */
@NullMarked
package io.rootwalk.concurrent;

import org.jspecify.annotations.NullMarked;
