package io.rootwalk.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Who holds how much of one shared resource (TCP connection slots, lookups in flight), per client
 * address, with a cap for each client and one for all together. When the shared table is full, the
 * heaviest client loses first, never a light one: a newcomer takes the place of the heaviest
 * client's oldest holding (preferring one that {@code preferred} accepts, e.g. an idle connection)
 * as long as that client would still hold at least as much as the newcomer afterwards. This is
 * max-min fairness; without it one client opening 300 connections kept every other TCP client, and
 * every UDP client sent to TCP by TC=1, out (measured before this class existed: 0 of 40 answered).
 *
 * <p>Unbound has the same idea for its request list ({@code jostle-timeout}: when it is full, a new
 * query replaces one that has run too long) and a per-netblock cap on TCP connections ({@code
 * tcp-connection-limit}); PowerDNS Recursor caps connections per address ({@code
 * max-tcp-per-client}). The shares here are by address: TCP cannot be spoofed, and a spoofed UDP
 * flood that makes a victim's address heavy only costs that address its lookups, which the same
 * flood could cost it anyway.
 *
 * <p>Memory is bounded by the global cap: a client is tracked only while it holds something. All
 * methods are thread-safe (one lock; each call is a few map operations). Evicting is left to the
 * caller, outside the lock: closing a socket or cancelling a lookup runs callbacks.
 *
 * @param <T> what a client holds (a {@link TcpSession}, a lookup), compared by identity
 */
final class ClientShares<T> {

  /** What {@link #admit} decided. */
  enum Verdict {
    /** The holding is counted; it must be {@linkplain #release released} when done. */
    ADMITTED,
    /** The client already holds its own cap. */
    CLIENT_FULL,
    /** The table is full and no client holds more than the newcomer would. */
    SERVER_FULL
  }

  /**
   * The decision, and the holding that was taken away to make room (the caller closes or cancels
   * it; it is no longer counted).
   */
  record Admission<T>(Verdict verdict, @Nullable T evicted) {}

  private final int total;
  private final int perClient;
  private final Predicate<? super T> preferred;

  /** Each client's holdings, oldest first. */
  private final Map<InetAddress, LinkedHashSet<T>> byClient = new HashMap<>();

  /** Clients by how much they hold: the last key is the heaviest. */
  private final TreeMap<Integer, Set<InetAddress>> byCount = new TreeMap<>();

  private int held;

  /**
   * @param total holdings for all clients together
   * @param perClient holdings for one client address
   * @param preferred which of the heaviest client's holdings to take away first (the oldest such
   *     one; else its oldest)
   */
  ClientShares(int total, int perClient, Predicate<? super T> preferred) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be >= 1 but was " + total);
    }
    if (perClient < 1) {
      throw new IllegalArgumentException("perClient must be >= 1 but was " + perClient);
    }
    this.total = total;
    this.perClient = perClient;
    this.preferred = Objects.requireNonNull(preferred, "preferred");
  }

  /** Counts {@code holding} for {@code client} if the caps allow, making room if fairness asks. */
  synchronized Admission<T> admit(InetAddress client, T holding) {
    LinkedHashSet<T> mine = byClient.get(client);
    int count = mine == null ? 0 : mine.size();
    if (count >= perClient) {
      return new Admission<>(Verdict.CLIENT_FULL, null);
    }
    T evicted = null;
    if (held >= total) {
      Map.Entry<Integer, Set<InetAddress>> heaviest = byCount.lastEntry();
      // Take from the heaviest only if it stays at least as heavy as the newcomer: never trade
      // one client's unfairness for another's.
      if (heaviest == null || heaviest.getKey() <= count + 1) {
        return new Admission<>(Verdict.SERVER_FULL, null);
      }
      InetAddress victim = heaviest.getValue().iterator().next();
      evicted = pick(byClient.get(victim));
      remove(victim, evicted);
    }
    mine = byClient.computeIfAbsent(client, c -> new LinkedHashSet<>());
    moveCount(client, mine.size(), mine.size() + 1);
    mine.add(holding);
    held++;
    notifyAll();
    return new Admission<>(Verdict.ADMITTED, evicted);
  }

  /** Stops counting {@code holding}; a no-op if it was never admitted or already evicted. */
  synchronized void release(InetAddress client, T holding) {
    if (remove(client, holding)) {
      notifyAll();
    }
  }

  /** Holdings of all clients now. */
  synchronized int held() {
    return held;
  }

  /** Holdings of {@code client} now. */
  synchronized int heldBy(InetAddress client) {
    Set<T> mine = byClient.get(client);
    return mine == null ? 0 : mine.size();
  }

  /**
   * Waits until the number of holdings satisfies {@code condition}, woken by each change (a
   * condition wait, not a sleep: tests use it instead of polling).
   *
   * @return false if {@code timeout} passed first
   */
  synchronized boolean awaitHeld(IntPredicate condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(held)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private T pick(@Nullable LinkedHashSet<T> holdings) {
    Objects.requireNonNull(holdings, "the heaviest client has holdings");
    for (T t : holdings) {
      if (preferred.test(t)) {
        return t;
      }
    }
    return holdings.iterator().next();
  }

  private boolean remove(InetAddress client, T holding) {
    LinkedHashSet<T> mine = byClient.get(client);
    if (mine == null || !mine.remove(holding)) {
      return false;
    }
    moveCount(client, mine.size() + 1, mine.size());
    if (mine.isEmpty()) {
      byClient.remove(client);
    }
    held--;
    return true;
  }

  private void moveCount(InetAddress client, int from, int to) {
    if (from > 0) {
      Set<InetAddress> clients = byCount.get(from);
      if (clients != null) {
        clients.remove(client);
        if (clients.isEmpty()) {
          byCount.remove(from);
        }
      }
    }
    if (to > 0) {
      byCount.computeIfAbsent(to, n -> new LinkedHashSet<>()).add(client);
    }
  }

  @Override
  public synchronized String toString() {
    Map.Entry<Integer, Set<InetAddress>> heaviest = byCount.lastEntry();
    return "ClientShares{held="
        + held
        + "/"
        + total
        + ", perClient="
        + perClient
        + (heaviest == null ? "" : ", heaviest=" + heaviest.getValue() + " x" + heaviest.getKey())
        + "}";
  }
}
