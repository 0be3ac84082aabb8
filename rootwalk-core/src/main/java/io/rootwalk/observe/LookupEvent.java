package io.rootwalk.observe;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Type;

/**
 * One client lookup, from the call to its resolution, cache hits included. The event's own duration
 * is the caller's wait; {@code elapsed} is the resolver's measure of the walk (zero for an answer
 * read from the cache).
 */
@Name("io.rootwalk.Lookup")
@Label("DNS Lookup")
@Description("A client lookup of a Rootwalk resolver, from the call to its resolution")
@Category({"Rootwalk"})
@StackTrace(false)
public final class LookupEvent extends Event {

  /** Only asked whether the event is enabled: no lookup ever commits it. */
  private static final LookupEvent PROBE = new LookupEvent();

  @Label("Name")
  String name = "";

  @Label("Type")
  String type = "";

  @Label("Status")
  @Description("NOERROR, NXDOMAIN, NODATA, YXDOMAIN or SERVFAIL")
  String status = "";

  @Label("Failure")
  @Description("The SERVFAIL reason, empty otherwise")
  String failure = "";

  @Label("Upstream Queries")
  int upstreamQueries;

  @Label("Elapsed")
  @Timespan(Timespan.NANOSECONDS)
  long elapsed;

  private LookupEvent() {}

  /**
   * The event of a lookup starting now, when a recording wants it.
   *
   * @return the begun event, or null when no recording has the event enabled (nothing allocated)
   */
  public static @Nullable LookupEvent beginIfEnabled() {
    if (!PROBE.isEnabled()) {
      return null;
    }
    LookupEvent event = new LookupEvent();
    event.begin();
    return event;
  }

  /**
   * Ends the event with the lookup's resolution and commits it, if the recording's threshold keeps
   * it.
   *
   * @param question what was asked
   * @param resolution how it ended
   */
  public void finish(Question question, Resolution resolution) {
    end();
    if (!shouldCommit()) {
      return;
    }
    name = question.name().toString();
    type = Type.string(question.type());
    status = resolution.status().name();
    failure = resolution.failure().map(f -> f.reason().name()).orElse("");
    upstreamQueries = resolution.trace().upstreamQueries();
    elapsed = resolution.trace().elapsed().toNanos();
    commit();
  }
}
