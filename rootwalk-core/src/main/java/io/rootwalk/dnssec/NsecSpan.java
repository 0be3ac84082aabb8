package io.rootwalk.dnssec;

import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.TextParseException;

/**
 * What an NSEC record says about the names around it (RFC 4034 section 4, RFC 4035 section 5.4):
 * the span from its owner to its next name, in canonical order (RFC 4034 section 6.1), holds no
 * name; the closest encloser of a name in the span is the longest ancestor it shares with either
 * end. Shared by the proofs that read fresh NSECs and the aggressive use of held ones.
 */
final class NsecSpan {

  private NsecSpan() {}

  /**
   * Whether the span of {@code nsec} holds {@code name}: strictly between owner and next name, or
   * after the owner of the last NSEC, which points back at the apex.
   *
   * @param nsec the NSEC
   * @param name the name
   * @return whether the NSEC proves the name does not exist
   */
  static boolean covers(NSECRecord nsec, Name name) {
    Name owner = nsec.getName();
    Name next = nsec.getNext();
    boolean wraps = owner.compareTo(next) >= 0;
    boolean after = owner.compareTo(name) < 0;
    return wraps ? after : after && name.compareTo(next) < 0;
  }

  /**
   * The closest encloser an NSEC covering {@code name} implies: the longer of the ancestors the
   * name shares with the NSEC's owner and with its next name.
   *
   * @param name a name the NSEC covers
   * @param cover the NSEC
   * @return the closest encloser
   */
  static Name closestEncloser(Name name, NSECRecord cover) {
    Name a = commonAncestor(name, cover.getName());
    Name b = commonAncestor(name, cover.getNext());
    return a.labels() >= b.labels() ? a : b;
  }

  /**
   * The wildcard at {@code encloser}, whose absence an NXDOMAIN must also prove.
   *
   * @param encloser the closest encloser
   * @return {@code *.encloser}, or the encloser itself when no longer name fits in 255 octets (the
   *     proof then fails on it)
   */
  static Name wildcardAt(Name encloser) {
    try {
      return Name.concatenate(Name.fromString("*"), encloser);
    } catch (TextParseException | NameTooLongException e) {
      return encloser;
    }
  }

  private static Name commonAncestor(Name x, Name y) {
    Name n = x;
    while (n.labels() > 1 && !y.subdomain(n)) {
      n = new Name(n, 1);
    }
    return n;
  }
}
