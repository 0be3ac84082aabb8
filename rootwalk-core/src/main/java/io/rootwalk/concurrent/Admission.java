package io.rootwalk.concurrent;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many lookups may walk at once, and a bounded queue for the rest: a burst of ten thousand
 * lookups must not become ten thousand walks whose packets wait behind each other in the I/O queue
 * until their timers, started before the packets left, blame healthy servers (Unbound bounds its
 * mesh the same way with {@code num-queries-per-thread}, and queues or drops beyond it).
 *
 * <p>A start is run at once while fewer than {@code maxRunning} admitted starts have not {@link
 * #release}d; otherwise it waits, first in first out, behind at most {@code maxWaiting} others, and
 * runs on the thread that releases a slot. Starts that must wait are never run on the caller's
 * thread after {@link #admit} has returned, and a release never recurses into the next start: one
 * thread drains the queue in a loop while the others only add to it (a trampoline), so a long queue
 * of starts that finish at once cannot overflow a stack.
 */
public final class Admission {

  private static final Logger log = LoggerFactory.getLogger(Admission.class);

  private final int maxRunning;
  private final int maxWaiting;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger waitingCount = new AtomicInteger();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  /** Non-zero while a thread is draining; counts the requests to drain again. */
  private final AtomicInteger drainRequests = new AtomicInteger();

  /**
   * An admission with the given bounds.
   *
   * @param maxRunning starts that may run at once, at least 1
   * @param maxWaiting starts that may wait for a slot, at least 0
   */
  public Admission(int maxRunning, int maxWaiting) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be at least 1 but was " + maxRunning);
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting must not be negative but was " + maxWaiting);
    }
    this.maxRunning = maxRunning;
    this.maxWaiting = maxWaiting;
  }

  /**
   * Runs {@code start} now if a slot is free and nobody is waiting, queues it otherwise.
   *
   * @param start what to run once admitted; it must lead to exactly one {@link #release()}
   * @return false when the queue is full: {@code start} will never run
   */
  public boolean admit(Runnable start) {
    if (waitingCount.get() == 0 && tryAcquire()) {
      start.run();
      return true;
    }
    if (waitingCount.incrementAndGet() > maxWaiting) {
      waitingCount.decrementAndGet();
      return false;
    }
    waiting.add(start);
    drain(); // a slot may have been released between tryAcquire and add
    return true;
  }

  /**
   * Takes a slot if one is free and nobody is waiting, for work that is worth doing only now (a
   * prefetch), never queued.
   *
   * @return true when a slot was taken: the caller must {@link #release()} it
   */
  public boolean tryEnter() {
    return waitingCount.get() == 0 && tryAcquire();
  }

  /** Gives back an admitted start's slot, running the next waiting one, if any. */
  public void release() {
    running.decrementAndGet();
    drain();
  }

  /**
   * Starts admitted and not yet released.
   *
   * @return how many are running now
   */
  public int running() {
    return running.get();
  }

  /**
   * Starts waiting for a slot.
   *
   * @return how many are queued now
   */
  public int waiting() {
    return waitingCount.get();
  }

  private boolean tryAcquire() {
    while (true) {
      int now = running.get();
      if (now >= maxRunning) {
        return false;
      }
      if (running.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return; // the draining thread sees the request and goes round again
    }
    int requests = 1;
    do {
      while (!waiting.isEmpty() && tryAcquire()) {
        Runnable next = waiting.poll();
        if (next == null) {
          running.decrementAndGet();
          continue;
        }
        waitingCount.decrementAndGet();
        try {
          next.run();
        } catch (RuntimeException e) {
          // A start that throws is its owner's bug; it must not stop the queue behind it.
          log.atWarn().setCause(e).log("admitted start threw");
        }
      }
      requests = drainRequests.addAndGet(-requests);
    } while (requests != 0);
  }
}
