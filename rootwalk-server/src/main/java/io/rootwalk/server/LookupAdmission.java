package io.rootwalk.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Who may start a resolution: at most {@code total} in flight for all clients (BIND's {@code
 * recursive-clients}, Unbound's {@code num-queries-per-thread}) and {@code perClient} for one
 * client address. When the shared count is full, a lighter client's query takes the place of the
 * heaviest client's oldest lookup, which is cancelled and answered SERVFAIL at once (Unbound's
 * {@code jostle-timeout} replaces a long-running query the same way; here the victim is chosen by
 * client, so a flood of slow names from one address cannot keep everyone else out).
 *
 * <p>A query turned away is answered by the caller from the cache when it can be, else with {@link
 * #busy}: SERVFAIL with an RFC 8914 extended error saying why.
 */
final class LookupAdmission {

  /** The key for queries whose sender is not known (tests calling the handler directly). */
  static final InetAddress UNKNOWN_CLIENT;

  static {
    try {
      UNKNOWN_CLIENT = InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // four bytes are always an address
    }
  }

  /** One admitted lookup, which may be taken away to make room for a lighter client. */
  static final class InFlight {
    private @Nullable CompletableFuture<?> lookup;
    private boolean evicted;

    /** The resolution started for this slot; cancelled at once if the slot is already gone. */
    void attach(CompletableFuture<?> future) {
      boolean cancel;
      synchronized (this) {
        lookup = future;
        cancel = evicted;
      }
      if (cancel) {
        future.cancel(true);
      }
    }

    /** Whether this lookup was cancelled to make room for another client's. */
    synchronized boolean evicted() {
      return evicted;
    }

    private void evict() {
      CompletableFuture<?> future;
      synchronized (this) {
        evicted = true;
        future = lookup;
      }
      if (future != null) {
        future.cancel(true); // frees the resolver's slot too; its client is answered SERVFAIL
      }
    }
  }

  /** What {@link #admit} decided: a slot, or the reason in words for the extended error. */
  sealed interface Outcome {}

  /** Admitted: start the lookup, {@link InFlight#attach} it, {@link #done} when it completes. */
  record Admitted(InFlight slot) implements Outcome {}

  /** Turned away, with the reason an extended error gives. */
  record TurnedAway(String reason) implements Outcome {}

  private final ClientShares<InFlight> shares;
  private final int total;
  private final int perClient;

  LookupAdmission(int total, int perClient) {
    this.shares = new ClientShares<>(total, perClient, slot -> true); // the oldest goes first
    this.total = total;
    this.perClient = perClient;
  }

  /** A slot for one lookup of {@code client}'s, making room at the heaviest client's cost. */
  Outcome admit(InetAddress client) {
    InFlight slot = new InFlight();
    ClientShares.Admission<InFlight> admission = shares.admit(client, slot);
    switch (admission.verdict()) {
      case ADMITTED:
        InFlight evicted = admission.evicted();
        if (evicted != null) {
          evicted.evict();
        }
        return new Admitted(slot);
      case CLIENT_FULL:
        return new TurnedAway("server busy: " + perClient + " lookups in flight from this client");
      case SERVER_FULL:
      default:
        return new TurnedAway("server busy: " + total + " lookups in flight");
    }
  }

  /** The lookup in {@code slot} is over (answered, failed or evicted). */
  void done(InetAddress client, InFlight slot) {
    shares.release(client, slot);
  }

  /** Lookups in flight now. */
  int inFlight() {
    return shares.held();
  }

  /** Waits until the number in flight satisfies {@code condition} (tests). */
  boolean awaitInFlight(IntPredicate condition, Duration timeout) throws InterruptedException {
    return shares.awaitHeld(condition, timeout);
  }

  /** SERVFAIL for a lookup that ended to make room for a lighter client's. */
  static Message evicted(Message query) {
    return busy(query, "server busy: lookup ended to make room for a lighter client");
  }

  /**
   * SERVFAIL saying why the server would not resolve: an RFC 8914 extended error, code 0 (Other:
   * none of the registered codes means "busy"), with {@code reason} as its text, for EDNS clients.
   */
  static Message busy(Message query, String reason) {
    Message response = Responses.answer(query, Rcode.SERVFAIL);
    OPTRecord opt = query.getOPT();
    if (opt != null) {
      response.removeAllRecords(Section.ADDITIONAL);
      response.addRecord(
          new OPTRecord(
              Responses.EDNS_PAYLOAD,
              0,
              0,
              opt.getFlags() & ExtendedFlags.DO, // RFC 3225 section 3
              new ExtendedErrorCodeOption(ExtendedErrorCodeOption.OTHER, reason)),
          Section.ADDITIONAL);
    }
    return response;
  }
}
