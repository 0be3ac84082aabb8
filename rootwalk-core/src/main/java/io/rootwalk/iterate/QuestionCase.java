package io.rootwalk.iterate;

import java.io.IOException;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Undoes 0x20's random letter case once the transport has verified the echo, so answers, cache
 * entries and traces read as the caller wrote the name, not as {@code wWw.ExAMple.COM}.
 *
 * <p>Renaming records is not enough: servers compress every name that shares a suffix with the
 * question into a pointer to the question's bytes, so a CNAME target or an NS name in another zone
 * ({@code example.tumblr.CoM.}) inherits the random case too. Instead the response is written back
 * to wire form (dnsjava compresses case-insensitively, so those suffixes point at the question
 * again), the question's bytes are overwritten with the canonical spelling, and the message is read
 * again: every name that pointed at the question now reads canonically.
 */
final class QuestionCase {

  private QuestionCase() {}

  static Message restore(Message response, Name canonical) {
    if (response.getQuestion() == null) {
      return response;
    }
    byte[] wire = response.toWire();
    DNSOutput out = new DNSOutput();
    canonical.toWire(out, null);
    byte[] name = out.toByteArray();
    int offset = 12; // the question is the first thing after the header (RFC 1035 section 4.1)
    if (wire.length < offset + name.length
        || response.getHeader().getCount(org.xbill.DNS.Section.QUESTION) != 1) {
      return response;
    }
    for (int i = 0; i < name.length; i++) {
      if (Character.toLowerCase((char) (wire[offset + i] & 0xff))
          != Character.toLowerCase((char) (name[i] & 0xff))) {
        return response; // not the same name after all: leave the response untouched
      }
    }
    System.arraycopy(name, 0, wire, offset, name.length);
    try {
      return new Message(wire);
    } catch (IOException e) {
      return response;
    }
  }
}
