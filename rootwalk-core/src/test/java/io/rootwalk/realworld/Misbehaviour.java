package io.rootwalk.realworld;

import io.rootwalk.Resolver;
import io.rootwalk.ResolverInternals;
import io.rootwalk.cache.Rank;
import io.rootwalk.testing.Fault;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The misbehaviours these scenarios give servers, and what they look at in the cache. */
final class Misbehaviour {

  private Misbehaviour() {}

  /** REFUSED, with the question echoed, for every query whose name {@code refuses}. */
  static Fault refusing(Predicate<Name> refuses) {
    return Fault.mutate(
        m -> {
          if (!refuses.test(m.getQuestion().getName())) {
            return m;
          }
          Message refused = new Message(m.getHeader().getID());
          refused.getHeader().setFlag(Flags.QR);
          refused.getHeader().setRcode(Rcode.REFUSED);
          refused.addRecord(m.getQuestion(), Section.QUESTION);
          return refused;
        });
  }

  /** The normal response without AA and with {@code section} emptied. */
  static Fault withoutAaNorSection(int section) {
    return Fault.mutate(
        m -> {
          m.getHeader().unsetFlag(Flags.AA);
          m.removeAllRecords(section);
          return m;
        });
  }

  /** The rank at which {@code resolver} caches {@code name}/{@code type}; fails if not cached. */
  static Rank cachedRank(Resolver resolver, String name, int type) {
    return ResolverInternals.cache(resolver)
        .rrsets()
        .get(Name.fromConstantString(name), type)
        .orElseThrow()
        .rank();
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
