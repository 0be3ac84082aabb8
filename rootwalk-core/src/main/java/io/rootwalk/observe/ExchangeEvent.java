package io.rootwalk.observe;

import io.rootwalk.TraceStep;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.xbill.DNS.Type;

/**
 * One query to an upstream server and what came of it: the same facts as a trace's {@link
 * TraceStep.Exchange}, so a recording shows which servers a resolver talks to, how fast they are,
 * and which ones time out or are lame, without a listener on every lookup.
 */
@Name("io.rootwalk.Exchange")
@Label("DNS Exchange")
@Description("A query a Rootwalk resolver sent upstream, and its classified outcome")
@Category({"Rootwalk"})
@StackTrace(false)
public final class ExchangeEvent extends Event {

  private static final ExchangeEvent PROBE = new ExchangeEvent();

  @Label("Zone Cut")
  @Description("The zone the server was asked as")
  String zoneCut = "";

  @Label("Server")
  @Description("The name server's NS name")
  String server = "";

  @Label("Address")
  String address = "";

  @Label("Port")
  int port;

  @Label("Name")
  @Description("The name sent: a minimised one when QNAME minimisation is on")
  String name = "";

  @Label("Type")
  String type = "";

  @Label("Protocol")
  String protocol = "";

  @Label("EDNS")
  boolean edns;

  @Label("Round-Trip Time")
  @Timespan(Timespan.NANOSECONDS)
  long rtt;

  @Label("Outcome")
  @Description("ANSWER, REFERRAL, NXDOMAIN, NODATA, LAME, TIMEOUT, TRUNCATED...")
  String outcome = "";

  @Label("Provenance")
  @Description("How the server's address was known: glue, root hint, chase...")
  String provenance = "";

  private ExchangeEvent() {}

  /**
   * Commits an event for {@code exchange} when a recording has the event enabled; otherwise returns
   * at once, allocating nothing.
   *
   * @param exchange the trace step just recorded
   */
  public static void emit(TraceStep.Exchange exchange) {
    if (!PROBE.isEnabled()) {
      return;
    }
    ExchangeEvent event = new ExchangeEvent();
    if (!event.shouldCommit()) {
      return;
    }
    event.zoneCut = exchange.zoneCut().toString();
    event.server = exchange.server().nameServer().toString();
    event.address = exchange.server().address().getHostAddress();
    event.port = exchange.port();
    event.name = exchange.sent().name().toString();
    event.type = Type.string(exchange.sent().type());
    event.protocol = exchange.protocol().name();
    event.edns = exchange.edns();
    event.rtt = exchange.rtt().toNanos();
    event.outcome = exchange.kind().name();
    event.provenance = exchange.server().provenance().name();
    event.commit();
  }
}
