package io.rootwalk.server;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ServerAddress;
import io.rootwalk.ZoneCut;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Answers an RD=0 query from the resolver's cache alone, as BIND and Unbound do: a client that
 * clears RD asks "what do you already know?" (monitoring, cache inspection), so no query may go
 * upstream. {@link Resolver#lookupCached} gives the cached answer (CNAMEs followed) or cached
 * NXDOMAIN/NODATA; with nothing cached, the response is a referral to the closest zone cut the
 * cache knows.
 */
final class CacheOnlyAnswer {

  private CacheOnlyAnswer() {}

  static Message answer(Message query, Question question, Resolver resolver) {
    Optional<Resolution> cached = resolver.lookupCached(question);
    if (cached.isPresent()) {
      return Responses.fromResolution(query, cached.get());
    }
    Message response = Responses.answer(query, Rcode.NOERROR);
    resolver.closestZoneCut(question.name()).ifPresent(cut -> referral(response, cut));
    return response;
  }

  /** The closest cached delegation, as an authoritative server would refer: NS plus addresses. */
  private static void referral(Message response, ZoneCut cut) {
    long ttl = Math.max(0, cut.ttl());
    for (Name ns : cut.nameServers()) {
      response.addRecord(new NSRecord(cut.zone(), DClass.IN, ttl, ns), Section.AUTHORITY);
    }
    for (ServerAddress a : cut.addresses()) {
      Record glue =
          a.address() instanceof java.net.Inet4Address
              ? new ARecord(a.nameServer(), DClass.IN, ttl, a.address())
              : new AAAARecord(a.nameServer(), DClass.IN, ttl, a.address());
      response.addRecord(glue, Section.ADDITIONAL);
    }
  }
}
