package io.rootwalk.dnssec;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one lookup may still spend on validation: created from {@link ValidationLimits} when the
 * lookup starts and handed to every verifier it calls, including those of nested lookups (NS
 * address chases, DS and DNSKEY fetches), so that the whole lookup shares the caps. Thread-safe:
 * the walk's callbacks may run on different threads.
 *
 * <p>Unlike the walk's {@code WorkBudget}, which is replaced step by step, this one is spent in
 * place: a signature check is charged where it is made, deep inside a verifier, and a copy handed
 * back through every result would be easy to drop.
 */
public final class ValidationBudget {

  /** Which cap a verifier ran into. */
  public enum Limit {
    /** {@link ValidationLimits#checksPerRRset()}. */
    CHECKS_PER_RRSET,
    /** {@link ValidationLimits#checksPerLookup()}. */
    CHECKS_PER_LOOKUP,
    /** {@link ValidationLimits#nsec3HashesPerLookup()}. */
    NSEC3_HASHES_PER_LOOKUP
  }

  private final ValidationLimits limits;
  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicInteger hashes = new AtomicInteger();

  private ValidationBudget(ValidationLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * A full budget for one lookup.
   *
   * @param limits the caps
   * @return a budget nothing has been charged to
   */
  public static ValidationBudget of(ValidationLimits limits) {
    return new ValidationBudget(limits);
  }

  /**
   * A full budget with {@link ValidationLimits#DEFAULT}.
   *
   * @return a budget nothing has been charged to
   */
  public static ValidationBudget withDefaults() {
    return new ValidationBudget(ValidationLimits.DEFAULT);
  }

  /**
   * The caps this budget was made with.
   *
   * @return the limits
   */
  public ValidationLimits limits() {
    return limits;
  }

  /**
   * Charges one signature check, if the lookup has one left.
   *
   * @return true if charged; false if the lookup has spent them all (nothing is charged then)
   */
  public boolean trySpendCheck() {
    return trySpend(checks, limits.checksPerLookup());
  }

  /**
   * Charges one NSEC3 hash computation, if the lookup has one left.
   *
   * @return true if charged; false if the lookup has spent them all
   */
  public boolean trySpendHash() {
    return trySpend(hashes, limits.nsec3HashesPerLookup());
  }

  private static boolean trySpend(AtomicInteger spent, int cap) {
    while (true) {
      int now = spent.get();
      if (now >= cap) {
        return false;
      }
      if (spent.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /**
   * Signature checks charged so far, for the trace's work counters.
   *
   * @return the count
   */
  public int checksSpent() {
    return checks.get();
  }

  /**
   * NSEC3 hashes charged so far.
   *
   * @return the count
   */
  public int hashesSpent() {
    return hashes.get();
  }

  @Override
  public String toString() {
    return "ValidationBudget[checks "
        + checks.get()
        + "/"
        + limits.checksPerLookup()
        + ", hashes "
        + hashes.get()
        + "/"
        + limits.nsec3HashesPerLookup()
        + "]";
  }
}
