package io.rootwalk.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * A way for one lab server to misbehave, installed with {@link LabServer#fault(Fault...)}. Faults
 * are plain values; the server keeps any state (such as what is left of {@link #times(int)}).
 *
 * <p>When several faults apply to one query, the first <em>replacing</em> fault in installation
 * order decides the response ({@link Drop}, {@link DropEdns}, {@link RcodeOnly}, {@link
 * FormErrOnEdns}, {@link Garbage}, {@link TruncateUdp}, {@link UpwardReferral}, {@link
 * OpenZoneTransfer}, {@link OpenRecursion}); the <em>modifying</em> ones ({@link Delay}, {@link
 * NotAuthoritative}, {@link Mutate}, {@link SpoofFirst}) then all apply, delays adding up.
 *
 * <p>Without faults a lab server behaves like NSD without {@code provide-xfr}: authoritative only
 * (RA never set, REFUSED for names outside its zones) and AXFR or IXFR REFUSED.
 */
public sealed interface Fault {

  /** The address the forged answers of {@link #spoofFirst()} carry. */
  String SPOOFED_ADDRESS = "192.0.2.66";

  /** No response at all: the client times out. */
  static Fault drop() {
    return new Drop();
  }

  /** The normal response, sent after {@code delay} (scheduled; the I/O loop never blocks). */
  static Fault delay(Duration delay) {
    return new Delay(delay);
  }

  /** A response with this rcode, the question echoed and every other section empty. */
  static Fault rcode(int rcode) {
    return new RcodeOnly(rcode);
  }

  /** REFUSED, the usual answer of a lame server. */
  static Fault refused() {
    return new RcodeOnly(Rcode.REFUSED);
  }

  /** SERVFAIL, as from a server whose zone failed to load. */
  static Fault servFail() {
    return new RcodeOnly(Rcode.SERVFAIL);
  }

  /**
   * The normal response with AA cleared and RA clear: a server of the zone that omits the AA bit,
   * as some do.
   */
  static Fault notAuthoritative() {
    return new NotAuthoritative(false);
  }

  /**
   * The normal response with AA cleared and RA set: a recursive resolver listed as an authoritative
   * server ("recursion lame"), answering from its cache.
   */
  static Fault recursionLame() {
    return new NotAuthoritative(true);
  }

  /** A referral back to the root ({@code . NS a.root-servers.net.}, AA clear) for every query. */
  static Fault upwardReferral() {
    return new UpwardReferral();
  }

  /** Random unparseable bytes that begin with the query's ID, so a client cannot ignore them. */
  static Fault garbage() {
    return new Garbage();
  }

  /** Over UDP, TC=1 and empty sections for every query; TCP answers normally. */
  static Fault truncateUdp() {
    return new TruncateUdp();
  }

  /** Queries carrying an OPT record get no response, as behind an old firewall. */
  static Fault dropEdns() {
    return new DropEdns();
  }

  /** Queries carrying an OPT record get FORMERR without OPT, as from a pre-EDNS server. */
  static Fault formErrOnEdns() {
    return new FormErrOnEdns();
  }

  /**
   * Over UDP, two forged datagrams precede the real answer: one with the wrong ID, one with the
   * right ID but a different question; both claim {@value #SPOOFED_ADDRESS}. A resolver must ignore
   * both and keep waiting (RFC 5452).
   */
  static Fault spoofFirst() {
    return new SpoofFirst();
  }

  /**
   * The normal response rewritten by {@code rewrite}, for poisoning and malformed-data tests. The
   * function gets a copy it may change and return, runs on the lab's I/O thread (keep it quick),
   * and if it throws the server sends nothing. The result is still fitted to the transport (TC on
   * UDP).
   */
  static Fault mutate(UnaryOperator<Message> rewrite) {
    return new Mutate(rewrite);
  }

  /**
   * Zone transfers for anyone (BIND's {@code allow-transfer { any; }}, NSD's {@code provide-xfr:
   * 0.0.0.0/0 NOKEY}): an AXFR or IXFR over TCP for the apex of a zone the server serves gets the
   * whole zone in one message, AA set, the answer section SOA, every other record of the zone in
   * file order (glue, delegations and DNSSEC records included), SOA again (RFC 5936 section 2.2; an
   * IXFR gets the same full transfer, as RFC 1995 section 4 allows). A name that is not the apex of
   * a served zone gets NOTAUTH. Over UDP transfers stay REFUSED (RFC 5936 section 4.2: AXFR is TCP
   * only), and this fault leaves every other query alone. A zone too big for one 65,535-byte TCP
   * message comes back with TC set (the lab does not split transfers).
   */
  static Fault openZoneTransfer() {
    return new OpenZoneTransfer();
  }

  /**
   * An authoritative server that also recurses for anyone (BIND with {@code recursion yes} and no
   * ACL): every response has RA set; queries in its own zones are answered as before (AA set); a
   * query with RD=1 for a name outside its zones is answered as a resolver would, from the lab
   * world: the deepest zone of the world containing the name answers, with AA clear (answer
   * records, or NXDOMAIN/NODATA with the SOA). Nothing is followed across zones: a CNAME out of
   * that zone stays unfollowed, and a delegation to a zone the world does not have is SERVFAIL.
   * RD=0 for a name outside its zones is still REFUSED (with RA set).
   */
  static Fault openRecursion() {
    return new OpenRecursion();
  }

  /** This fault, applied only to queries that arrive over {@code wire}. */
  default Fault onlyOver(Wire wire) {
    return new OnlyOver(this, wire);
  }

  /** This fault, applied only to UDP queries. */
  default Fault onlyUdp() {
    return onlyOver(Wire.UDP);
  }

  /** This fault, applied only to TCP queries. */
  default Fault onlyTcp() {
    return onlyOver(Wire.TCP);
  }

  /** This fault for the next {@code count} queries it applies to, then the server behaves. */
  default Fault times(int count) {
    return new Times(this, count);
  }

  /** See {@link Fault#drop()}. */
  record Drop() implements Fault {}

  /** See {@link Fault#delay(Duration)}. */
  record Delay(Duration delay) implements Fault {
    public Delay {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
    }
  }

  /** See {@link Fault#rcode(int)}. */
  record RcodeOnly(int rcode) implements Fault {
    public RcodeOnly {
      if (rcode < 0 || rcode > 0xFFF) {
        throw new IllegalArgumentException("rcode out of range: " + rcode);
      }
    }
  }

  /**
   * See {@link Fault#notAuthoritative()} and {@link Fault#recursionLame()}.
   *
   * @param recursionAvailable whether RA is set too
   */
  record NotAuthoritative(boolean recursionAvailable) implements Fault {}

  /** See {@link Fault#upwardReferral()}. */
  record UpwardReferral() implements Fault {}

  /** See {@link Fault#garbage()}. */
  record Garbage() implements Fault {}

  /** See {@link Fault#truncateUdp()}. */
  record TruncateUdp() implements Fault {}

  /** See {@link Fault#dropEdns()}. */
  record DropEdns() implements Fault {}

  /** See {@link Fault#formErrOnEdns()}. */
  record FormErrOnEdns() implements Fault {}

  /** See {@link Fault#spoofFirst()}. */
  record SpoofFirst() implements Fault {}

  /** See {@link Fault#openZoneTransfer()}. */
  record OpenZoneTransfer() implements Fault {}

  /** See {@link Fault#openRecursion()}. */
  record OpenRecursion() implements Fault {}

  /** See {@link Fault#mutate(UnaryOperator)}. */
  record Mutate(UnaryOperator<Message> rewrite) implements Fault {
    public Mutate {
      Objects.requireNonNull(rewrite, "rewrite");
    }
  }

  /** See {@link Fault#onlyOver(Wire)}. */
  record OnlyOver(Fault fault, Wire wire) implements Fault {
    public OnlyOver {
      Objects.requireNonNull(fault, "fault");
      Objects.requireNonNull(wire, "wire");
    }
  }

  /** See {@link Fault#times(int)}. */
  record Times(Fault fault, int count) implements Fault {
    public Times {
      Objects.requireNonNull(fault, "fault");
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1: " + count);
      }
    }
  }
}
