package io.rootwalk.testing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns a parsed query into the bytes a server sends back, given the server's answerer and its
 * installed faults. The only place that knows what each {@link Fault} does.
 */
final class FaultedResponder {

  private static final Name A_ROOT = Name.fromConstantString("a.root-servers.net.");
  private static final long UPWARD_TTL = 518400;
  private static final Random RANDOM = new SecureRandom();

  private FaultedResponder() {}

  static Reply reply(
      Message query,
      Wire wire,
      List<ActiveFault> installed,
      AuthoritativeAnswerer answerer,
      WorldView world) {
    List<Fault> faults = new ArrayList<>();
    for (ActiveFault fault : installed) {
      if (fault.claim(query, wire)) {
        faults.add(fault.behaviour());
      }
    }
    Duration delay = Duration.ZERO;
    for (Fault fault : faults) {
      if (fault instanceof Fault.Delay d) {
        delay = delay.plus(d.delay());
      }
    }
    Fault replacing =
        faults.stream().filter(FaultedResponder::isReplacing).findFirst().orElse(null);
    if (replacing instanceof Fault.Drop || replacing instanceof Fault.DropEdns) {
      return Reply.NONE;
    }
    if (replacing instanceof Fault.Garbage) {
      return Reply.of(garbage(query.getHeader().getID())).delayedBy(delay);
    }
    boolean edns = query.getOPT() != null;
    Message response;
    if (replacing instanceof Fault.RcodeOnly r) {
      response = Responses.rcodeOnly(query, r.rcode(), edns || r.rcode() > 0xF);
    } else if (replacing instanceof Fault.FormErrOnEdns) {
      response = Responses.rcodeOnly(query, Rcode.FORMERR, false);
    } else if (replacing instanceof Fault.TruncateUdp) {
      response = WireSize.truncated(answerer.answer(query));
    } else if (replacing instanceof Fault.UpwardReferral) {
      response = upwardReferral(query, edns, world.rootServers());
    } else if (replacing instanceof Fault.OpenZoneTransfer) {
      response = answerer.transfer(query);
    } else if (replacing instanceof Fault.OpenRecursion) {
      response = openResolver(query, answerer, world.everyZone());
    } else {
      response = answerer.answer(query);
    }
    for (Fault fault : faults) {
      if (fault instanceof Fault.NotAuthoritative n) {
        response.getHeader().unsetFlag(Flags.AA);
        if (n.recursionAvailable()) {
          response.getHeader().setFlag(Flags.RA);
        }
      } else if (fault instanceof Fault.Mutate m) {
        response = m.rewrite().apply(response.clone());
      }
    }
    List<byte[]> messages = new ArrayList<>();
    if (faults.stream().anyMatch(f -> f instanceof Fault.SpoofFirst)) {
      messages.addAll(forgeries(query));
    }
    messages.add(WireSize.encode(response, query, wire));
    return new Reply(delay, messages);
  }

  private static boolean isReplacing(Fault fault) {
    return fault instanceof Fault.Drop
        || fault instanceof Fault.DropEdns
        || fault instanceof Fault.RcodeOnly
        || fault instanceof Fault.FormErrOnEdns
        || fault instanceof Fault.Garbage
        || fault instanceof Fault.TruncateUdp
        || fault instanceof Fault.UpwardReferral
        || fault instanceof Fault.OpenZoneTransfer
        || fault instanceof Fault.OpenRecursion;
  }

  /**
   * An authoritative server that recurses for anyone: its own zones as usual, and for RD=1 outside
   * them what a resolver would return, taken from the deepest zone of the world holding the name
   * (AA clear). A delegation to a zone the world lacks would leave a resolver with nothing:
   * SERVFAIL. RA is set on every response.
   */
  private static Message openResolver(
      Message query, AuthoritativeAnswerer own, AuthoritativeAnswerer everyZone) {
    Record question = query.getQuestion();
    Message response;
    if (question != null
        && query.getHeader().getFlag(Flags.RD)
        && query.getHeader().getOpcode() == Opcode.QUERY
        && !own.covers(question.getName())) {
      response = everyZone.answer(query);
      response.getHeader().unsetFlag(Flags.AA);
      if (response.getRcode() == Rcode.NOERROR
          && response.getSection(Section.ANSWER).isEmpty()
          && response.getSection(Section.AUTHORITY).stream()
              .anyMatch(r -> r.getType() == Type.NS)) {
        response = Responses.rcodeOnly(query, Rcode.SERVFAIL, query.getOPT() != null);
      }
    } else {
      response = own.answer(query);
    }
    response.getHeader().setFlag(Flags.RA);
    return response;
  }

  /**
   * A lame server's favourite: "ask the root", AA clear, the world's root servers in authority with
   * their addresses as glue ({@code a.root-servers.net.} without glue if the world has no root).
   */
  private static Message upwardReferral(Message query, boolean edns, List<ServerSpec> roots) {
    Message response = Responses.skeleton(query);
    if (roots.isEmpty()) {
      response.addRecord(new NSRecord(Name.root, DClass.IN, UPWARD_TTL, A_ROOT), Section.AUTHORITY);
    }
    for (ServerSpec root : roots) {
      response.addRecord(
          new NSRecord(Name.root, DClass.IN, UPWARD_TTL, root.name()), Section.AUTHORITY);
    }
    for (ServerSpec root : roots) {
      response.addRecord(
          root.address() instanceof Inet6Address
              ? new AAAARecord(root.name(), DClass.IN, UPWARD_TTL, root.address())
              : new ARecord(root.name(), DClass.IN, UPWARD_TTL, root.address()),
          Section.ADDITIONAL);
    }
    return Responses.finish(response, Rcode.NOERROR, edns);
  }

  /**
   * Bytes that start with the query's ID but can never parse: the four section counts claim 65535
   * records each and only a few random bytes follow.
   */
  private static byte[] garbage(int id) {
    byte[] bytes = new byte[12 + 20];
    RANDOM.nextBytes(bytes);
    bytes[0] = (byte) (id >>> 8);
    bytes[1] = (byte) id;
    // QR set (it looks like a response) and TC clear: dnsjava forgives a short body when TC is set.
    bytes[2] = (byte) ((bytes[2] | 0x80) & ~0x02);
    for (int i = 4; i < 12; i++) {
      bytes[i] = (byte) 0xFF;
    }
    return bytes;
  }

  /**
   * Two forged answers: wrong ID; right ID but another question. Both claim the spoofed address.
   */
  private static List<byte[]> forgeries(Message query) {
    Record question = query.getQuestion();
    if (question == null) {
      return List.of();
    }
    int id = query.getHeader().getID();
    Message wrongId = forgedAnswer(question.getName(), (id + 1 + RANDOM.nextInt(0xFFFE)) & 0xFFFF);
    Name other;
    try {
      other = Name.concatenate(Name.fromConstantString("forged"), question.getName());
    } catch (NameTooLongException e) {
      other = Name.fromConstantString("forged.invalid.");
    }
    Message wrongQuestion = forgedAnswer(other, id);
    return List.of(wrongId.toWire(), wrongQuestion.toWire());
  }

  private static Message forgedAnswer(Name name, int id) {
    Message forged = new Message(id);
    forged.getHeader().setFlag(Flags.QR);
    forged.getHeader().setFlag(Flags.AA);
    forged.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
    forged.addRecord(
        new ARecord(name, DClass.IN, 86400, address(Fault.SPOOFED_ADDRESS)), Section.ANSWER);
    return forged;
  }

  private static InetAddress address(String literal) {
    try {
      return Address.getByAddress(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
