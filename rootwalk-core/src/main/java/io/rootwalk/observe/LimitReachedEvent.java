package io.rootwalk.observe;

import io.rootwalk.Limit;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import org.xbill.DNS.Name;

/**
 * A lookup reached one of the resolver's bounds: a per-lookup work limit (its lookup then ends in
 * SERVFAIL {@code LIMIT_EXCEEDED}), the admission queue ({@code OVERLOADED}), or the count of name
 * servers read from one referral (the rest are ignored and the lookup goes on). Many of these in a
 * recording point at a hostile zone (NXNSAttack) or a resolver sized too small.
 */
@jdk.jfr.Name("io.rootwalk.LimitReached")
@Label("DNS Limit Reached")
@Description("A Rootwalk resolver's lookup reached one of its limits")
@Category({"Rootwalk"})
@StackTrace(false)
public final class LimitReachedEvent extends Event {

  private static final LimitReachedEvent PROBE = new LimitReachedEvent();

  @Label("Limit")
  @Description("The setting's name, such as maxUpstreamQueries")
  String limit = "";

  @Label("Name")
  @Description("The name being resolved when the limit was reached")
  String name = "";

  private LimitReachedEvent() {}

  /**
   * Commits an event when a recording has it enabled.
   *
   * @param limit the limit reached
   * @param name the name being resolved
   */
  public static void emit(Limit limit, Name name) {
    if (!PROBE.isEnabled()) {
      return;
    }
    LimitReachedEvent event = new LimitReachedEvent();
    if (!event.shouldCommit()) {
      return;
    }
    event.limit = limit.setting();
    event.name = name.toString();
    event.commit();
  }
}
