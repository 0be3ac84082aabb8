package io.rootwalk.testing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A fault installed on a server: the underlying behaviour with its {@link Fault#onlyOver} and
 * {@link Fault#times} wrappers unpacked, and the use counter {@code times} needs. The counter lives
 * here so {@link Fault} values stay immutable and can be reused across servers and labs.
 */
final class ActiveFault {

  private static final int UNLIMITED = -1;

  private final Fault behaviour;
  private final Optional<Wire> onlyOver;
  private final AtomicInteger remaining;

  private ActiveFault(Fault behaviour, Optional<Wire> onlyOver, int uses) {
    this.behaviour = behaviour;
    this.onlyOver = onlyOver;
    this.remaining = new AtomicInteger(uses);
  }

  static ActiveFault of(Fault fault) {
    Fault current = fault;
    Optional<Wire> wire = Optional.empty();
    int uses = UNLIMITED;
    while (true) {
      if (current instanceof Fault.OnlyOver only) {
        wire = Optional.of(only.wire());
        current = only.fault();
      } else if (current instanceof Fault.Times times) {
        uses = uses == UNLIMITED ? times.count() : Math.min(uses, times.count());
        current = times.fault();
      } else {
        return new ActiveFault(current, wire, uses);
      }
    }
  }

  Fault behaviour() {
    return behaviour;
  }

  /**
   * Whether this fault applies to {@code query} arriving over {@code wire}; a limited fault spends
   * one use when it does. Faults that only concern EDNS queries, UDP, or transfers over TCP say no
   * to the others, so those do not spend uses either.
   */
  boolean claim(Message query, Wire wire) {
    if (onlyOver.isPresent() && onlyOver.get() != wire) {
      return false;
    }
    boolean edns = query.getOPT() != null;
    if ((behaviour instanceof Fault.DropEdns || behaviour instanceof Fault.FormErrOnEdns)
        && !edns) {
      return false;
    }
    if ((behaviour instanceof Fault.TruncateUdp || behaviour instanceof Fault.SpoofFirst)
        && wire != Wire.UDP) {
      return false;
    }
    if (behaviour instanceof Fault.OpenZoneTransfer && (wire != Wire.TCP || !isTransfer(query))) {
      return false;
    }
    if (remaining.get() == UNLIMITED) {
      return true;
    }
    return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static boolean isTransfer(Message query) {
    Record question = query.getQuestion();
    return question != null && (question.getType() == Type.AXFR || question.getType() == Type.IXFR);
  }
}
