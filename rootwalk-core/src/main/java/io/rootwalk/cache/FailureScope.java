package io.rootwalk.cache;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * What a held failure covers (RFC 9520 section 3): a whole zone when its servers are unreachable or
 * lame, or one question when the servers answer but fail it, so that one client's odd query cannot
 * take a zone away from everyone.
 */
public sealed interface FailureScope {

  /**
   * The name the failure is filed under, for flushing a name or a subtree.
   *
   * @return the zone, or the name asked
   */
  Name name();

  /**
   * Every question at or below {@code zone}: its servers could not be reached, or do not serve it.
   *
   * @param zone the zone cut whose servers failed
   */
  record Zone(Name zone) implements FailureScope {
    @Override
    public Name name() {
      return zone;
    }

    @Override
    public String toString() {
      return "zone " + zone;
    }
  }

  /**
   * One name and type: the servers answered, but SERVFAIL or another error for this question.
   *
   * @param name the name asked
   * @param type the type asked
   */
  record OneQuestion(Name name, int type) implements FailureScope {
    @Override
    public String toString() {
      return name + " " + Type.string(type);
    }
  }
}
