package io.rootwalk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one lookup differs from the resolver's defaults: {@link Resolver#lookup(Question,
 * LookupOptions)} and {@link Resolver#lookupAsync(Question, LookupOptions)}. Immutable; start from
 * {@link #defaults()} and change what this call needs:
 *
 * <pre>{@code
 * LookupOptions urgent = LookupOptions.defaults().withTimeout(Duration.ofMillis(500));
 * resolver.lookup(Question.of("www.example.com", Type.A), urgent.bypassingCache());
 * }</pre>
 *
 * <p>A lookup with any option set walks on its own instead of sharing the walk of an identical
 * lookup already in flight, since what it asked for (a shorter deadline, fresh data, TCP) is not
 * what the other caller gets.
 *
 * @param timeout this lookup's deadline, counted from when it is admitted; empty for the resolver's
 *     ({@link ResolverBuilder#deadline}). A longer one than the resolver's is held to the
 *     resolver's, whose guard ends every walk by then.
 * @param bypassCache ask the servers again instead of answering from cached answers or negative
 *     answers, for the question and any alias target; zone cuts and name-server addresses still
 *     come from the cache (so this is a fresh answer, not a walk from the root), and what the
 *     servers say is cached as usual
 * @param forceTcp send every query of this lookup, name-server chases included, over TCP (RFC
 *     7766), for networks that drop or mangle UDP
 * @param listener told of every step as it happens, under {@link ResolutionListener}'s contract;
 *     {@link ResolutionListener#NONE} for none
 * @param checkingDisabled the caller does its own DNSSEC validation (a stub that set CD, RFC 4035
 *     section 3.2.2): a bogus answer is returned as it is, with its {@link Security} saying BOGUS,
 *     instead of as SERVFAIL. The validator still checks the data, for the cache and the trace
 */
public record LookupOptions(
    Optional<Duration> timeout,
    boolean bypassCache,
    boolean forceTcp,
    ResolutionListener listener,
    boolean checkingDisabled) {

  private static final LookupOptions DEFAULTS =
      new LookupOptions(Optional.empty(), false, false, ResolutionListener.NONE, false);

  /**
   * Checks the values.
   *
   * @param timeout this lookup's deadline, or empty for the resolver's
   * @param bypassCache ask the servers instead of answering from cached answers
   * @param forceTcp every query over TCP
   * @param listener told of every step, or {@link ResolutionListener#NONE}
   * @param checkingDisabled bogus answers returned, not turned into SERVFAIL
   * @throws IllegalArgumentException if the timeout is zero or negative
   */
  public LookupOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(listener, "listener");
    if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout.get());
    }
  }

  /**
   * A lookup like any other: the resolver's deadline, the cache, UDP first, no listener.
   *
   * @return the defaults
   */
  public static LookupOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with a deadline of {@code timeout} for this lookup.
   *
   * @param timeout positive; held to the resolver's own deadline when longer
   * @return the changed options
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public LookupOptions withTimeout(Duration timeout) {
    return new LookupOptions(
        Optional.of(Objects.requireNonNull(timeout, "timeout")),
        bypassCache,
        forceTcp,
        listener,
        checkingDisabled);
  }

  /**
   * These options, asking the servers even when the cache holds an answer.
   *
   * @return the changed options
   */
  public LookupOptions bypassingCache() {
    return new LookupOptions(timeout, true, forceTcp, listener, checkingDisabled);
  }

  /**
   * These options, sending every query over TCP.
   *
   * @return the changed options
   */
  public LookupOptions overTcp() {
    return new LookupOptions(timeout, bypassCache, true, listener, checkingDisabled);
  }

  /**
   * These options, streaming each step to {@code listener}.
   *
   * @param listener told of every step and of the end
   * @return the changed options
   */
  public LookupOptions withListener(ResolutionListener listener) {
    if (listener == this.listener) {
      return this; // lookup(question, NONE) on every cache hit: no allocation
    }
    return new LookupOptions(timeout, bypassCache, forceTcp, listener, checkingDisabled);
  }

  /**
   * These options with DNSSEC checking disabled for this caller (the CD bit): a bogus answer comes
   * back with its data and {@link SecurityStatus#BOGUS} rather than as SERVFAIL.
   *
   * @return the changed options
   */
  public LookupOptions withCheckingDisabled() {
    return new LookupOptions(timeout, bypassCache, forceTcp, listener, true);
  }
}
