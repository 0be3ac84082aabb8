package io.rootwalk;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * An RRset the bailiwick scrubber removed from a response before anything was used or cached, and
 * why. A server is believed only about names inside the zone it was asked as; what it says about
 * others is the stuff of cache poisoning (Kashpureff 1997, Kaminsky 2008) and is dropped. Sibling
 * glue set aside by {@link SiblingGluePolicy#RESOLVE} is listed here too.
 *
 * <p>Rejections are an attribute of the exchange that carried them ({@link
 * TraceStep.Exchange#rejected()}), so the shape of a trace does not depend on how chatty a server's
 * additional section is.
 *
 * @param section the message section the RRset came from
 * @param name the RRset's owner name
 * @param type the RRset's type, a dnsjava {@link Type} value
 * @param reason for people: the rule it broke, e.g. out of bailiwick, not on the alias chain
 */
public record Rejection(Section section, Name name, int type, String reason) {

  /** The message section an RRset came from (RFC 1035 section 4.1). */
  public enum Section {
    /**
     * The answer section: records off the query name's alias chain, past the point where the chain
     * leaves the zone, or a synthesized CNAME that contradicts its DNAME (RFC 6672).
     */
    ANSWER,
    /**
     * The authority section: records outside the zone, and NS or SOA records for zones that do not
     * contain the name asked about (referrals up or sideways).
     */
    AUTHORITY,
    /**
     * The additional section: anything but A and AAAA records, inside the zone, for names a kept NS
     * record names (OPT, TSIG and SIG are not data and are not listed); and sibling glue set aside
     * by policy.
     */
    ADDITIONAL
  }

  /**
   * Checks that every part is present.
   *
   * @param section the section
   * @param name the owner name
   * @param type the type
   * @param reason why it was removed
   * @throws NullPointerException if {@code section}, {@code name} or {@code reason} is null
   */
  public Rejection {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return section.name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + name
        + " "
        + Type.string(type)
        + ": "
        + reason;
  }
}
