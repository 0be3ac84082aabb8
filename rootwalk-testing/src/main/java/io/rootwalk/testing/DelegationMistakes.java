package io.rootwalk.testing;

import io.rootwalk.testing.Delegations.Ns;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A world of delegations under {@code test.} (RFC 6761), each with one classic mistake, for a
 * delegation checker ({@code rootwalk check ZONE}). Start it with {@link #start()}, or {@link
 * DnsLab#start(World)} on {@link #world()} followed by {@link #misbehave(DnsLab)}, which installs
 * the faults some zones need.
 *
 * <p>Every name server lives in {@code 127.55.0.0/16}: the root {@code a.root.test.} at {@code
 * 127.55.0.1}, {@code test.} on {@code a.nic.test.} 127.55.1.1 and {@code b.nic.test.} 127.55.2.1.
 * Zone number k has its servers {@code nsN.<zone>} at {@code 127.55.<10k+N>.1}, one per /24. Unless
 * the table says otherwise a zone has two NS, both with in-domain glue in {@code test.} equal to
 * the child's A records, every delegation and apex NS TTL is 3600, every server answers
 * authoritatively over UDP (with and without EDNS) and TCP, refuses AXFR/IXFR and refuses RD=1
 * queries for names outside its zones (RA clear).
 *
 * <p>In the table ".22.1" is 127.55.22.1 and "ns2" is ns2.&lt;zone&gt;; a finding names the server
 * (name and address) it is about, or "-" for a finding about the zone.
 *
 * <pre>
 *  k zone               servers                    problem             expected findings
 *  1 healthy.test       ns1 .11.1, ns2 .12.1       none                none
 *  2 lame.test          ns1 .21.1, ns2 .22.1       ns2 serves nothing  LAME_SERVER ERROR ns2 .22.1
 *  3 noaa.test          ns1 .31.1, ns2 .32.1       ns2 AA clear        LAME_SERVER ERROR ns2 .32.1
 *  4 upward.test        ns1 .41.1, ns2 .42.1       ns2 refers to .     LAME_SERVER ERROR ns2 .42.1
 *  5 servfail.test      ns1 .51.1, ns2 .52.1       ns2 SERVFAILs       LAME_SERVER ERROR ns2 .52.1
 *  6 unreachable.test   ns1 .61.1, ns2 .62.1 (no   nothing listens     SERVER_UNREACHABLE ERROR
 *                       lab server there)          at ns2's address      ns2 .62.1
 *  7 notcp.test         ns1 .71.1, ns2 .72.1       ns2 drops TCP       NO_TCP WARNING ns2 .72.1
 *  8 edns.test          ns1 .81.1, ns2 .82.1       ns2 FORMERR to      EDNS_BROKEN WARNING
 *                                                  EDNS queries          ns2 .82.1
 *  9 missingglue.test   ns1 .91.1, ns2 .92.1       no glue for ns2     MISSING_GLUE ERROR ns2
 *                                                  (the child has A)     (no address)
 * 10 staleglue.test     ns1 .101.1, ns2 .102.1     ns2's glue is       STALE_GLUE ERROR
 *                       (child A); old-ns2.stale-  .103.1, the old       ns2 .103.1
 *                       glue.test. .103.1 (glue)   server, serving it
 * 11 mismatch.test      ns1 .111.1, ns2 .112.1,    test. lists ns1-2,  NS_PARENT_CHILD_MISMATCH
 *                       ns3 .113.1 (no glue)       the apex ns1-3        WARNING -
 * 12 inconsistent.test  ns1 .121.1, ns2 .122.1     ns2's apex NS set   NS_INCONSISTENT WARNING -
 *                                                  is {ns2} only
 * 13 serial.test        ns1 .131.1, ns2 .132.1     ns2's SOA serial    SOA_SERIAL_MISMATCH
 *                                                  one behind            WARNING -
 * 14 longttl.test       ns1 .141.1, ns2 .142.1     apex NS TTL 172800  NS_TTL_LONG WARNING -
 * 15 parentttl.test     ns1 .151.1, ns2 .152.1     test.'s NS TTL      NS_TTL_LONG NOTICE -
 *                                                  172800, apex 3600
 * 16 unresolvable.test  ns1 .161.1; ns.gone.test.  2nd NS: NXDOMAIN    NS_UNRESOLVABLE ERROR
 *                                                                        ns.gone.test. (no address)
 * 17 alias.test         ns1 .171.1; ns.cdn.test.   2nd NS is a CNAME   NS_IS_ALIAS WARNING
 *                       (CNAME host.cdn.test.,     to a server of        ns.cdn.test.
 *                       .172.1)                    the zone
 * 18 onens.test         ns1 .181.1                 a single NS         TOO_FEW_NS WARNING -
 * 19 shared.test        ns1 and ns2 both .191.1    one address         SHARED_ADDRESS WARNING -
 * 20 onenet.test        ns1 .201.1, ns2 .201.2     one /24             SINGLE_NETWORK NOTICE -
 * 21 bigreferral.test   6 NS (63-byte labels)      plain referral is   REFERRAL_TOO_LARGE
 *                       .211.1 to .216.1           598 bytes: TC         WARNING -
 * 22 openrecursion.test ns1 .221.1, ns2 .222.1     ns2 recurses for    OPEN_RECURSION WARNING
 *                                                  anyone                ns2 .222.1
 * 23 axfr.test          ns1 .231.1, ns2 .232.1     ns2 allows AXFR     ZONE_TRANSFER_OPEN
 *                                                                        WARNING ns2 .232.1
 * 24 dead.test          ns1 .241.1, ns2 .242.1     both serve nothing  LAME_SERVER ERROR ns1 .241.1
 *                                                                      LAME_SERVER ERROR ns2 .242.1
 *                                                                      DELEGATION_BROKEN ERROR -
 * 25 cdn.test           ns1 .251.1, ns2 .252.1     none (holds the     none
 *                                                  alias's CNAME)
 * </pre>
 *
 * <p>Where a zone has a single server address (onens, shared, unresolvable) no SINGLE_NETWORK is
 * expected: one address is not a network choice. Names listed only by the child (mismatch.test's
 * ns3) have no glue, since the parent does not list them; that is not MISSING_GLUE. In
 * bigreferral.test the referral from {@code test.} needs TC without EDNS (the glue is required),
 * while the child's own NS answer (502 bytes without its additional addresses) fits and goes out
 * with TC clear. Names outside a zone are never glued: {@code ns.gone.test.} does not exist
 * (NXDOMAIN from {@code test.}), {@code ns.cdn.test.} resolves through cdn.test.
 */
public final class DelegationMistakes {

  public static final String ROOT_SERVER = "a.root.test.";
  public static final String ROOT_ADDRESS = "127.55.0.1";
  public static final String TLD = "test.";
  public static final String A_NIC = "a.nic.test.";
  public static final String A_NIC_ADDRESS = "127.55.1.1";
  public static final String B_NIC = "b.nic.test.";
  public static final String B_NIC_ADDRESS = "127.55.2.1";

  public static final String HEALTHY = "healthy.test.";
  public static final String LAME = "lame.test.";
  public static final String NOAA = "noaa.test.";
  public static final String UPWARD = "upward.test.";
  public static final String SERVFAIL = "servfail.test.";
  public static final String UNREACHABLE = "unreachable.test.";
  public static final String NOTCP = "notcp.test.";
  public static final String EDNS = "edns.test.";
  public static final String MISSING_GLUE = "missingglue.test.";
  public static final String STALE_GLUE = "staleglue.test.";
  public static final String MISMATCH = "mismatch.test.";
  public static final String INCONSISTENT = "inconsistent.test.";
  public static final String SERIAL = "serial.test.";
  public static final String LONG_TTL = "longttl.test.";
  public static final String PARENT_TTL = "parentttl.test.";
  public static final String UNRESOLVABLE = "unresolvable.test.";
  public static final String ALIAS = "alias.test.";
  public static final String ONE_NS = "onens.test.";
  public static final String SHARED = "shared.test.";
  public static final String ONE_NET = "onenet.test.";
  public static final String BIG_REFERRAL = "bigreferral.test.";
  public static final String OPEN_RECURSION = "openrecursion.test.";
  public static final String AXFR = "axfr.test.";
  public static final String DEAD = "dead.test.";
  public static final String CDN = "cdn.test.";

  /** The zones a checker is run on, in the table's order (cdn.test, a healthy helper, last). */
  public static final List<String> ZONES =
      List.of(
          HEALTHY,
          LAME,
          NOAA,
          UPWARD,
          SERVFAIL,
          UNREACHABLE,
          NOTCP,
          EDNS,
          MISSING_GLUE,
          STALE_GLUE,
          MISMATCH,
          INCONSISTENT,
          SERIAL,
          LONG_TTL,
          PARENT_TTL,
          UNRESOLVABLE,
          ALIAS,
          ONE_NS,
          SHARED,
          ONE_NET,
          BIG_REFERRAL,
          OPEN_RECURSION,
          AXFR,
          DEAD,
          CDN);

  /** Where ns2.unreachable.test. points (glue and child A): no lab server listens there. */
  public static final String UNREACHABLE_ADDRESS = "127.55.62.1";

  /** ns2.staleglue.test.'s address in the child zone, where the current ns2 serves it. */
  public static final String STALE_GLUE_NEW_ADDRESS = "127.55.102.1";

  /** ns2.staleglue.test.'s glue in test.: the old server, which still serves the zone. */
  public static final String STALE_GLUE_OLD_ADDRESS = "127.55.103.1";

  /** The lab's name for the old server at {@link #STALE_GLUE_OLD_ADDRESS} (in no zone). */
  public static final String STALE_GLUE_OLD_SERVER = "old-ns2.staleglue.test.";

  /** unresolvable.test.'s second NS, a name that does not exist. */
  public static final String GONE_NS = "ns.gone.test.";

  /** alias.test.'s second NS: a CNAME in cdn.test. to {@link #ALIAS_TARGET}. */
  public static final String ALIAS_NS = "ns.cdn.test.";

  /** The CNAME target, a lab server of that name serving alias.test. */
  public static final String ALIAS_TARGET = "host.cdn.test.";

  public static final String ALIAS_TARGET_ADDRESS = "127.55.172.1";

  /** The one address of ns1.shared.test. and ns2.shared.test. (one lab server, ns1's name). */
  public static final String SHARED_ADDRESS = "127.55.191.1";

  public static final String ONE_NET_NS1_ADDRESS = "127.55.201.1";
  public static final String ONE_NET_NS2_ADDRESS = "127.55.201.2";

  /** bigreferral.test.'s six NS names, whose first labels are 63 bytes long. */
  public static final List<String> BIG_REFERRAL_SERVERS = bigReferralServers();

  /** The SOA serial every zone has; serial.test.'s ns2 answers one less. */
  public static final long SERIAL_NUMBER = 2025010100;

  private static final long TTL = 3600;
  private static final long LONG_TTL_VALUE = 172800;

  private DelegationMistakes() {}

  /** The world (immutable, so one shared instance is fine). */
  public static World world() {
    return WORLD;
  }

  /** Starts the world and installs its faults; the caller closes the lab. */
  public static DnsLab start() {
    DnsLab lab = DnsLab.start(world());
    try {
      return misbehave(lab);
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  /**
   * Installs the faults of the table on a lab running {@link #world()} (replacing any the servers
   * had). Lame and dead servers need none: they serve no zone, so they REFUSE everything.
   *
   * @return the lab, for chaining
   */
  public static DnsLab misbehave(DnsLab lab) {
    lab.server(ns(2, NOAA)).fault(Fault.notAuthoritative());
    lab.server(ns(2, UPWARD)).fault(Fault.upwardReferral());
    lab.server(ns(2, SERVFAIL)).fault(Fault.servFail());
    lab.server(ns(2, NOTCP)).fault(Fault.drop().onlyTcp());
    lab.server(ns(2, EDNS)).fault(Fault.formErrOnEdns());
    lab.server(ns(2, INCONSISTENT)).fault(Fault.mutate(DelegationMistakes::onlyNs2));
    lab.server(ns(2, SERIAL)).fault(Fault.mutate(DelegationMistakes::serialBehind));
    lab.server(ns(2, OPEN_RECURSION)).fault(Fault.openRecursion());
    lab.server(ns(2, AXFR)).fault(Fault.openZoneTransfer());
    return lab;
  }

  /** {@code nsN.<zone>}, the naming every zone's servers follow. */
  public static String ns(int n, String zone) {
    return "ns" + n + "." + zone;
  }

  private static World build() {
    Delegations plan = new Delegations(TTL, SERIAL_NUMBER);
    standard(plan, HEALTHY, 1);
    standard(plan, LAME, 2).lame(ns(2, LAME), address(2, 2));
    standard(plan, NOAA, 3);
    standard(plan, UPWARD, 4);
    standard(plan, SERVFAIL, 5);
    standard(plan, UNREACHABLE, 6).withoutServer(ns(2, UNREACHABLE));
    standard(plan, NOTCP, 7);
    standard(plan, EDNS, 8);

    Ns ns1 = new Ns(ns(1, MISSING_GLUE), address(9, 1));
    Ns ns2 = new Ns(ns(2, MISSING_GLUE), address(9, 2));
    plan.zone(MISSING_GLUE, TTL, TTL, List.of(ns1, ns2.withoutAddress()), List.of(ns1, ns2), "")
        .servers(MISSING_GLUE, ns1, ns2);

    ns1 = new Ns(ns(1, STALE_GLUE), address(10, 1));
    ns2 = new Ns(ns(2, STALE_GLUE), STALE_GLUE_NEW_ADDRESS);
    Ns oldGlue = new Ns(ns2.name(), STALE_GLUE_OLD_ADDRESS);
    plan.zone(STALE_GLUE, TTL, TTL, List.of(ns1, oldGlue), List.of(ns1, ns2), "")
        .servers(STALE_GLUE, ns1, ns2, new Ns(STALE_GLUE_OLD_SERVER, STALE_GLUE_OLD_ADDRESS));

    ns1 = new Ns(ns(1, MISMATCH), address(11, 1));
    ns2 = new Ns(ns(2, MISMATCH), address(11, 2));
    Ns ns3 = new Ns(ns(3, MISMATCH), address(11, 3));
    plan.zone(MISMATCH, TTL, TTL, List.of(ns1, ns2), List.of(ns1, ns2, ns3), "")
        .servers(MISMATCH, ns1, ns2, ns3);

    standard(plan, INCONSISTENT, 12);
    standard(plan, SERIAL, 13);
    standard(plan, LONG_TTL, 14, TTL, LONG_TTL_VALUE, "");
    standard(plan, PARENT_TTL, 15, LONG_TTL_VALUE, TTL, "");

    List<Ns> unresolvable =
        List.of(new Ns(ns(1, UNRESOLVABLE), address(16, 1)), new Ns(GONE_NS, null));
    plan.zone(UNRESOLVABLE, TTL, TTL, unresolvable, unresolvable, "")
        .servers(UNRESOLVABLE, unresolvable.get(0));

    List<Ns> alias = List.of(new Ns(ns(1, ALIAS), address(17, 1)), new Ns(ALIAS_NS, null));
    plan.zone(ALIAS, TTL, TTL, alias, alias, "")
        .servers(ALIAS, alias.get(0), new Ns(ALIAS_TARGET, ALIAS_TARGET_ADDRESS));

    List<Ns> one = List.of(new Ns(ns(1, ONE_NS), address(18, 1)));
    plan.zone(ONE_NS, TTL, TTL, one, one, "").servers(ONE_NS, one.get(0));

    List<Ns> shared =
        List.of(new Ns(ns(1, SHARED), SHARED_ADDRESS), new Ns(ns(2, SHARED), SHARED_ADDRESS));
    plan.zone(SHARED, TTL, TTL, shared, shared, "").servers(SHARED, shared.get(0));

    Ns[] oneNet = {
      new Ns(ns(1, ONE_NET), ONE_NET_NS1_ADDRESS), new Ns(ns(2, ONE_NET), ONE_NET_NS2_ADDRESS)
    };
    plan.zone(ONE_NET, TTL, TTL, List.of(oneNet), List.of(oneNet), "").servers(ONE_NET, oneNet);

    List<Ns> big = new ArrayList<>();
    for (int i = 0; i < BIG_REFERRAL_SERVERS.size(); i++) {
      big.add(new Ns(BIG_REFERRAL_SERVERS.get(i), address(21, i + 1)));
    }
    plan.zone(BIG_REFERRAL, TTL, TTL, big, big, "").servers(BIG_REFERRAL, big.toArray(Ns[]::new));

    standard(plan, OPEN_RECURSION, 22);
    standard(plan, AXFR, 23);
    standard(plan, DEAD, 24).lame(ns(1, DEAD), address(24, 1)).lame(ns(2, DEAD), address(24, 2));
    String cname = ALIAS_NS + " CNAME " + ALIAS_TARGET + "\n";
    standard(plan, CDN, 25, TTL, TTL, cname + ALIAS_TARGET + " A " + ALIAS_TARGET_ADDRESS + "\n");
    return plan.build(
        new Ns(ROOT_SERVER, ROOT_ADDRESS),
        TLD,
        List.of(new Ns(A_NIC, A_NIC_ADDRESS), new Ns(B_NIC, B_NIC_ADDRESS)));
  }

  /** Zone number k as the table's default: ns1 and ns2, glue equal to the child's A records. */
  private static Delegations standard(Delegations plan, String zone, int k) {
    return standard(plan, zone, k, TTL, TTL, "");
  }

  private static Delegations standard(
      Delegations plan, String zone, int k, long parentTtl, long apexTtl, String extra) {
    Ns[] two = {new Ns(ns(1, zone), address(k, 1)), new Ns(ns(2, zone), address(k, 2))};
    return plan.zone(zone, parentTtl, apexTtl, List.of(two), List.of(two), extra)
        .servers(zone, two);
  }

  /** Zone number k's server N: 127.55.(10k+N).1, so each server has a /24 of its own. */
  private static String address(int k, int n) {
    return "127.55." + (10 * k + n) + ".1";
  }

  private static List<String> bigReferralServers() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      names.add(
          ("ns" + i + "-" + "sixty-three-bytes-".repeat(4)).substring(0, 63) + "." + BIG_REFERRAL);
    }
    return List.copyOf(names);
  }

  /** inconsistent.test.'s ns2: its apex NS answer lists only itself (ns1 and test. list both). */
  private static Message onlyNs2(Message response) {
    Record question = response.getQuestion();
    if (question == null
        || question.getType() != Type.NS
        || !question.getName().equals(Name.fromConstantString(INCONSISTENT))) {
      return response;
    }
    Name keep = Name.fromConstantString(ns(2, INCONSISTENT));
    for (Record r : List.copyOf(response.getSection(Section.ANSWER))) {
      if (r.getType() == Type.NS && !r.getAdditionalName().equals(keep)) {
        response.removeRecord(r, Section.ANSWER);
      }
    }
    for (Record r : List.copyOf(response.getSection(Section.ADDITIONAL))) {
      if ((r.getType() == Type.A || r.getType() == Type.AAAA) && !r.getName().equals(keep)) {
        response.removeRecord(r, Section.ADDITIONAL);
      }
    }
    return response;
  }

  /** serial.test.'s ns2: every SOA it sends (answers and negative answers) is one serial behind. */
  private static Message serialBehind(Message response) {
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      List<Record> records = List.copyOf(response.getSection(section));
      response.removeAllRecords(section);
      for (Record r : records) {
        response.addRecord(r instanceof SOARecord soa ? behind(soa) : r, section);
      }
    }
    return response;
  }

  private static SOARecord behind(SOARecord soa) {
    return new SOARecord(
        soa.getName(),
        soa.getDClass(),
        soa.getTTL(),
        soa.getHost(),
        soa.getAdmin(),
        soa.getSerial() - 1,
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }

  /** Last, so that every constant above is initialised before the world is built. */
  private static final World WORLD = build();
}
