package io.rootwalk.hardening;

import io.rootwalk.testing.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * How a lab server lies, as jqwik values, and the lying itself ({@link Fault#mutate}). Records a
 * liar makes up carry data no true record has (an address 127.66.S.k, a name whose first label is
 * {@code mSxk}, S being the server's index in the lab) and are listed in the scenario's {@link
 * Plants}, so that the cache can be searched afterwards for what got in. Planted owners are
 * anywhere: the question, below or above it, the apex of any zone of the world or of {@code
 * victim.test.} (no zone of the world), so most plants are out of the bailiwick of the zone the
 * resolver asked the liar as, and some are in it.
 */
final class Lies {

  private Lies() {}

  static final List<Name> ZONES =
      names(
          ".",
          "com.",
          "net.",
          "org.",
          "example.com.",
          "api.example.com.",
          "shop.com.",
          "tumblr.com.",
          "dnshost.net.",
          "example.org.",
          "example.net.",
          "sibling.com.",
          "lame.com.",
          "victim.test.");

  private static final long[] TTL_CHOICES = {0, 1, 300, 86400, 0x7FFFFFFFL, 0xFFFFFFFFL};
  private static final int[] RCODES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15};

  enum Kind {
    TRUTH,
    PLANT,
    REFERRAL,
    EMPTY_SECTION,
    FLAGS,
    RCODE,
    TTLS,
    CNAME_LOOP,
    DNAME_LOOP,
    DUPLICATE,
    WRONG_CLASS,
    CORRUPT
  }

  enum Owner {
    QNAME,
    BELOW_QNAME,
    PARENT_OF_QNAME,
    ZONE_APEX,
    WWW_IN_ZONE,
    NS_IN_ZONE
  }

  /**
   * One lie: what to do, whose name, which zone of {@link #ZONES}, which record type and section,
   * and a free number (TTL, rcode, flag bits or bytes to flip, by kind).
   */
  record Lie(Kind kind, Owner owner, int zone, int type, int section, int number) {}

  enum Misbehaviour {
    HONEST,
    LIES,
    GARBAGE,
    DROP_TWICE,
    SERVFAIL,
    REFUSED,
    UPWARD_REFERRAL,
    TRUNCATE_UDP,
    FORMERR_ON_EDNS
  }

  /** A server's conduct; with LIES, response n gets the lies of round n modulo their count. */
  record Behaviour(Misbehaviour kind, List<List<Lie>> rounds) {

    Fault[] faults(int server, Plants plants) {
      return switch (kind) {
        case HONEST -> new Fault[0];
        case LIES -> new Fault[] {Fault.mutate(new Liar(server, rounds, plants))};
        case GARBAGE -> new Fault[] {Fault.garbage()};
        case DROP_TWICE -> new Fault[] {Fault.drop().times(2)};
        case SERVFAIL -> new Fault[] {Fault.servFail()};
        case REFUSED -> new Fault[] {Fault.refused()};
        case UPWARD_REFERRAL -> new Fault[] {Fault.upwardReferral()};
        case TRUNCATE_UDP -> new Fault[] {Fault.truncateUdp()};
        case FORMERR_ON_EDNS -> new Fault[] {Fault.formErrOnEdns()};
      };
    }
  }

  static Arbitrary<Behaviour> behaviours() {
    return Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(10, Misbehaviour.HONEST),
                Tuple.of(10, Misbehaviour.LIES),
                Tuple.of(1, Misbehaviour.GARBAGE),
                Tuple.of(1, Misbehaviour.DROP_TWICE),
                Tuple.of(1, Misbehaviour.SERVFAIL),
                Tuple.of(1, Misbehaviour.REFUSED),
                Tuple.of(1, Misbehaviour.UPWARD_REFERRAL),
                Tuple.of(1, Misbehaviour.TRUNCATE_UDP),
                Tuple.of(1, Misbehaviour.FORMERR_ON_EDNS)),
            lies().list().ofMaxSize(3).list().ofMinSize(1).ofMaxSize(4))
        .as(Behaviour::new);
  }

  static Arbitrary<Lie> lies() {
    return Combinators.combine(
            Arbitraries.frequency(
                Tuple.of(3, Kind.TRUTH),
                Tuple.of(8, Kind.PLANT),
                Tuple.of(3, Kind.REFERRAL),
                Tuple.of(1, Kind.EMPTY_SECTION),
                Tuple.of(2, Kind.FLAGS),
                Tuple.of(2, Kind.RCODE),
                Tuple.of(1, Kind.TTLS),
                Tuple.of(1, Kind.CNAME_LOOP),
                Tuple.of(1, Kind.DNAME_LOOP),
                Tuple.of(1, Kind.DUPLICATE),
                Tuple.of(1, Kind.WRONG_CLASS),
                Tuple.of(2, Kind.CORRUPT)),
            Arbitraries.of(Owner.class),
            Arbitraries.integers().between(0, ZONES.size() - 1),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 0xFFFF))
        .as(Lie::new);
  }

  /** Rewrites the responses of server {@code server}, round after round. */
  private static final class Liar implements UnaryOperator<Message> {
    private final int server;
    private final List<List<Lie>> rounds;
    private final AtomicInteger responses = new AtomicInteger();
    private final AtomicInteger marks = new AtomicInteger();
    private final Plants plants;

    Liar(int server, List<List<Lie>> rounds, Plants plants) {
      this.server = server;
      this.rounds = rounds;
      this.plants = plants;
    }

    @Override
    public Message apply(Message response) {
      List<Lie> round = new ArrayList<>(rounds.get(responses.getAndIncrement() % rounds.size()));
      // Bytes are flipped in the server's true response, before anything is planted, so that a
      // flip never changes a plant after it was listed.
      round.sort(Comparator.comparing(l -> l.kind() != Kind.CORRUPT));
      Message m = response;
      for (Lie lie : round) {
        m = tell(lie, m);
      }
      return m;
    }

    private Message tell(Lie lie, Message m) {
      Record q = m.getQuestion();
      if (q == null) {
        return m;
      }
      Name qname = q.getName();
      long ttl = TTL_CHOICES[lie.number() % TTL_CHOICES.length];
      switch (lie.kind()) {
        case PLANT -> plant(lie, m, owner(lie, qname), ttl);
        case REFERRAL -> refer(lie, m, owner(lie, qname));
        case EMPTY_SECTION -> m.removeAllRecords(1 + lie.section());
        case FLAGS -> flags(m, lie.number());
        case RCODE -> m.getHeader().setRcode(RCODES[lie.number() % RCODES.length]);
        case TTLS -> retime(m, ttl);
        case CNAME_LOOP -> {
          Name via = lie.number() % 2 == 0 ? qname : below("loop", parent(qname));
          m.addRecord(new CNAMERecord(qname, DClass.IN, 300, via), Section.ANSWER);
          m.addRecord(new CNAMERecord(via, DClass.IN, 300, qname), Section.ANSWER);
        }
        case DNAME_LOOP -> {
          Name apex = parent(qname); // to itself, or below itself: an endless expansion
          Name target = lie.number() % 2 == 0 ? apex : below("d", apex);
          m.addRecord(new DNAMERecord(apex, DClass.IN, 300, target), Section.ANSWER);
        }
        case DUPLICATE -> {
          for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            new ArrayList<>(m.getSection(section)).forEach(r -> m.addRecord(r, section));
          }
        }
        case WRONG_CLASS -> {
          Record r =
              Record.newRecord(
                  qname,
                  Type.A,
                  lie.number() % 2 == 0 ? DClass.CH : DClass.ANY,
                  300,
                  new byte[] {127, 66, (byte) server, 1});
          plants.add(r, server);
          m.addRecord(r, Section.ANSWER);
        }
        case CORRUPT -> {
          return corrupt(m, q, lie.number());
        }
        default -> {
          // TRUTH: this lie is the truth
        }
      }
      return m;
    }

    private Name owner(Lie lie, Name qname) {
      Name zone = ZONES.get(lie.zone());
      return switch (lie.owner()) {
        case QNAME -> qname;
        case BELOW_QNAME -> below("x", qname);
        case PARENT_OF_QNAME -> parent(qname);
        case ZONE_APEX -> zone;
        case WWW_IN_ZONE -> below("www", zone);
        case NS_IN_ZONE -> below("ns1", zone);
      };
    }

    /** A marked record of one of six types for {@code owner}, in any section. */
    private void plant(Lie lie, Message m, Name owner, long ttl) {
      Name target = markedName(ZONES.get((lie.zone() + lie.number()) % ZONES.size()));
      Record r =
          switch (lie.type()) {
            case 0 -> new ARecord(owner, DClass.IN, ttl, markedAddress());
            case 1 -> new NSRecord(owner, DClass.IN, ttl, target);
            case 2 -> new CNAMERecord(owner, DClass.IN, ttl, target);
            case 3 -> new DNAMERecord(owner, DClass.IN, ttl, target);
            case 4 -> new MXRecord(owner, DClass.IN, ttl, 10, target);
            default -> new TXTRecord(owner, DClass.IN, ttl, target.getLabelString(0) + ".");
          };
      plants.add(r, server);
      m.addRecord(r, 1 + lie.section());
    }

    /**
     * A referral for {@code zone} (up, sideways or down from what was asked, by the owner chosen),
     * to a made-up server with marked glue, or to a real lab server with its real address.
     */
    private void refer(Lie lie, Message m, Name zone) {
      m.removeAllRecords(Section.ANSWER);
      if ((lie.number() & 2) != 0) {
        m.removeAllRecords(Section.AUTHORITY);
      }
      m.getHeader().unsetFlag(Flags.AA);
      m.getHeader().setRcode(0);
      boolean real = (lie.number() & 1) != 0;
      Name ns = real ? Hardening.name("ns1.example.com.") : markedName(ZONES.get(lie.zone()));
      InetAddress glue = real ? address(127, 53, 10, 1) : markedAddress();
      Record delegation = new NSRecord(zone, DClass.IN, 86400, ns);
      Record address = new ARecord(ns, DClass.IN, 86400, glue);
      if (!real) { // a real server's name and address are the world's, not this liar's
        plants.add(delegation, server);
        plants.add(address, server);
      }
      m.addRecord(delegation, Section.AUTHORITY);
      m.addRecord(address, Section.ADDITIONAL);
    }

    /** Bits 1, 3, 5 say whether to touch AA, TC, RA; bits 0, 2, 4 whether to set or clear. */
    private static void flags(Message m, int bits) {
      int[] flags = {Flags.AA, Flags.TC, Flags.RA};
      for (int i = 0; i < flags.length; i++) {
        if ((bits >>> (2 * i + 1) & 1) != 0) {
          if ((bits >>> (2 * i) & 1) != 0) {
            m.getHeader().setFlag(flags[i]);
          } else {
            m.getHeader().unsetFlag(flags[i]);
          }
        }
      }
    }

    private static void retime(Message m, long ttl) {
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
        List<Record> records = new ArrayList<>(m.getSection(section));
        m.removeAllRecords(section);
        for (Record r : records) {
          m.addRecord(
              r.getType() == Type.OPT // an OPT's TTL is its flags
                  ? r
                  : Record.newRecord(
                      r.getName(), r.getType(), r.getDClass(), ttl, r.rdataToWireCanonical()),
              section);
        }
      }
    }

    /** Flips up to three bytes after the question; a message that no longer parses stays true. */
    private static Message corrupt(Message m, Record q, int bits) {
      byte[] wire = m.toWire();
      int start = Math.min(wire.length, 12 + q.getName().length() + 4);
      if (start >= wire.length) {
        return m;
      }
      for (int i = 0; i < 1 + bits % 3; i++) {
        int at = start + (bits * (31 + 17 * i) + i) % (wire.length - start);
        wire[at] ^= (byte) (1 << ((bits >>> (4 + i)) & 7));
      }
      try {
        return new Message(wire);
      } catch (IOException | RuntimeException e) {
        return m;
      }
    }

    private InetAddress markedAddress() {
      return address(127, 66, server, 1 + marks.incrementAndGet() % 250);
    }

    private Name markedName(Name suffix) {
      return below("m" + server + "x" + marks.incrementAndGet(), suffix);
    }
  }

  private static Name parent(Name name) {
    return name.labels() > 1 ? new Name(name, 1) : name;
  }

  /** {@code label.name}, or {@code name} itself if that would be too long. */
  private static Name below(String label, Name name) {
    try {
      return Name.concatenate(Name.fromString(label), name);
    } catch (IOException e) {
      return name;
    }
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Name> names(String... names) {
    List<Name> out = new ArrayList<>();
    for (String n : names) {
      out.add(Hardening.name(n));
    }
    return List.copyOf(out);
  }
}
