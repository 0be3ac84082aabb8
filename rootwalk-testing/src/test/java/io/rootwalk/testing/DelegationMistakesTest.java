package io.rootwalk.testing;

import static io.rootwalk.testing.DelegationMistakes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The fixture world for the delegation checker, probed on the wire the way the checker will: each
 * zone shows its one problem, and every other server and referral is clean.
 */
class DelegationMistakesTest {

  private static final Duration SHORT = Duration.ofMillis(500);

  /** The servers that misbehave (beyond lame ones, which serve nothing and are not listed). */
  private static final Set<String> FAULTY =
      Set.of(
          ns(2, NOAA),
          ns(2, UPWARD),
          ns(2, SERVFAIL),
          ns(2, NOTCP),
          ns(2, EDNS),
          ns(2, INCONSISTENT),
          ns(2, SERIAL),
          ns(2, OPEN_RECURSION),
          ns(2, AXFR));

  private static DnsLab lab;

  @BeforeAll
  static void start() {
    lab = DelegationMistakes.start();
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  @Test
  void everyWellBehavedServerAnswersEveryProbeOfItsZoneCleanly() {
    int checked = 0;
    for (LabServer server : lab.servers()) {
      if (FAULTY.contains(server.name().toString())) {
        continue;
      }
      for (Name zone : server.spec().zones()) {
        if (zone.equals(Name.root) || zone.toString().equals(TLD)) {
          continue;
        }
        assertCleanServer(server.socketAddress(), zone);
        checked++;
      }
    }
    // Every zone's servers but the broken ns2s, the lame ones, and the one nobody runs.
    assertThat(checked).isEqualTo(40);
  }

  @Test
  void referralsFromTestMatchTheChildApexExceptWhereAZoneSaysOtherwise() {
    Set<String> special = Set.of(MISSING_GLUE, STALE_GLUE, MISMATCH, PARENT_TTL, BIG_REFERRAL);
    for (String zone : ZONES) {
      if (special.contains(zone)) {
        continue;
      }
      ZoneSpec child = lab.world().zone(zone).orElseThrow();
      for (String tldServer : List.of(A_NIC, B_NIC)) {
        for (boolean edns : List.of(false, true)) {
          Message referral = ask(lab.address(tldServer), zone, Type.NS, edns);
          assertThat(referral.getHeader().getFlag(Flags.AA)).as(zone).isFalse();
          assertThat(nsTargets(referral, Section.AUTHORITY))
              .as(zone)
              .isEqualTo(names(child.rrset(child.origin(), Type.NS)));
          assertThat(referral.getSection(Section.AUTHORITY))
              .allMatch(r -> r.getTTL() == 3600, "TTL 3600");
          assertThat(addresses(referral)).as(zone).isEqualTo(childAddresses(child));
        }
      }
    }
  }

  @Test
  void theRootDelegatesTestToTwoServersInDifferentNetworks() {
    Message root = Dig.udp(lab.address(ROOT_SERVER), ".", Type.NS);
    assertThat(root.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(addresses(root)).containsExactly(Map.entry(ROOT_SERVER, ROOT_ADDRESS));
    Message referral = Dig.udp(lab.address(ROOT_SERVER), HEALTHY, Type.SOA);
    assertThat(nsTargets(referral, Section.AUTHORITY)).containsExactly(A_NIC, B_NIC);
    assertThat(addresses(referral))
        .containsExactly(Map.entry(A_NIC, A_NIC_ADDRESS), Map.entry(B_NIC, B_NIC_ADDRESS));
    assertCleanServer(lab.address(A_NIC), Name.fromConstantString(TLD));
    assertCleanServer(lab.address(B_NIC), Name.fromConstantString(TLD));
  }

  @Test
  void lameAndDeadServersRefuseEverything() {
    for (String server : List.of(ns(2, LAME), ns(1, DEAD), ns(2, DEAD))) {
      String zone = server.substring(4);
      for (Message m : allWays(lab.address(server), zone, Type.SOA)) {
        assertThat(m.getRcode()).as(server).isEqualTo(Rcode.REFUSED);
      }
    }
  }

  @Test
  void noaaUpwardAndServfailNs2AreLameInTheirOwnWays() {
    Message noaa = Dig.udp(lab.address(ns(2, NOAA)), NOAA, Type.SOA);
    assertThat(noaa.getSection(Section.ANSWER)).hasSize(1);
    assertThat(noaa.getHeader().getFlag(Flags.AA)).isFalse();

    Message upward = Dig.udp(lab.address(ns(2, UPWARD)), UPWARD, Type.SOA);
    assertThat(upward.getSection(Section.ANSWER)).isEmpty();
    assertThat(nsTargets(upward, Section.AUTHORITY)).containsExactly(ROOT_SERVER);
    assertThat(upward.getSection(Section.AUTHORITY).get(0).getName()).isEqualTo(Name.root);

    for (Message m : allWays(lab.address(ns(2, SERVFAIL)), SERVFAIL, Type.SOA)) {
      assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
    }
  }

  @Test
  void unreachableNs2PointsWhereNothingListens() {
    assertThatThrownBy(() -> lab.server(UNREACHABLE_ADDRESS))
        .isInstanceOf(IllegalArgumentException.class);
    Message referral = Dig.udp(lab.address(A_NIC), UNREACHABLE, Type.NS);
    assertThat(addresses(referral)).containsEntry(ns(2, UNREACHABLE), UNREACHABLE_ADDRESS);
    Message childA = Dig.udp(lab.address(ns(1, UNREACHABLE)), ns(2, UNREACHABLE), Type.A);
    assertThat(childA.getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo(UNREACHABLE_ADDRESS);
    InetSocketAddress nowhere = new InetSocketAddress(UNREACHABLE_ADDRESS, lab.port());
    assertThatThrownBy(() -> Dig.send(nowhere, Dig.query(UNREACHABLE, Type.SOA), false, SHORT))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void notcpNs2AnswersUdpOnlyAndEdnsNs2FormerrsEdnsOnly() {
    InetSocketAddress notcp = lab.address(ns(2, NOTCP));
    assertThat(ask(notcp, NOTCP, Type.SOA, true).getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(Dig.udp(notcp, NOTCP, Type.SOA).getHeader().getFlag(Flags.AA)).isTrue();
    assertThatThrownBy(() -> Dig.send(notcp, Dig.query(NOTCP, Type.SOA), true, SHORT))
        .isInstanceOf(UncheckedIOException.class);

    InetSocketAddress edns = lab.address(ns(2, EDNS));
    Message withEdns = ask(edns, EDNS, Type.SOA, true);
    assertThat(withEdns.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(withEdns.getOPT()).isNull();
    assertThat(Dig.udp(edns, EDNS, Type.SOA).getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(Dig.tcp(edns, EDNS, Type.SOA).getHeader().getFlag(Flags.AA)).isTrue();
  }

  @Test
  void missingGlueLeavesNs2ToBeFoundInTheChild() {
    Message referral = Dig.udp(lab.address(B_NIC), MISSING_GLUE, Type.NS);
    assertThat(nsTargets(referral, Section.AUTHORITY))
        .containsExactly(ns(1, MISSING_GLUE), ns(2, MISSING_GLUE));
    assertThat(addresses(referral)).containsOnlyKeys(ns(1, MISSING_GLUE));
    Message ns2 = Dig.udp(lab.address(ns(1, MISSING_GLUE)), ns(2, MISSING_GLUE), Type.A);
    String address = ns2.getSection(Section.ANSWER).get(0).rdataToString();
    assertThat(lab.server(address).name().toString()).isEqualTo(ns(2, MISSING_GLUE));
  }

  @Test
  void staleGlueSendsResolversToTheOldServerWhichStillServesTheZone() {
    Message referral = Dig.udp(lab.address(A_NIC), STALE_GLUE, Type.NS);
    assertThat(addresses(referral)).containsEntry(ns(2, STALE_GLUE), STALE_GLUE_OLD_ADDRESS);
    Message child = Dig.udp(lab.address(ns(1, STALE_GLUE)), ns(2, STALE_GLUE), Type.A);
    assertThat(child.getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo(STALE_GLUE_NEW_ADDRESS)
        .isNotEqualTo(STALE_GLUE_OLD_ADDRESS);
    assertThat(lab.server(STALE_GLUE_OLD_ADDRESS).name().toString())
        .isEqualTo(STALE_GLUE_OLD_SERVER);
    assertThat(lab.server(STALE_GLUE_NEW_ADDRESS).name().toString()).isEqualTo(ns(2, STALE_GLUE));
  }

  @Test
  void mismatchAndInconsistentDisagreeAboutTheNsSetInDifferentPlaces() {
    List<String> parent =
        nsTargets(Dig.udp(lab.address(A_NIC), MISMATCH, Type.NS), Section.AUTHORITY);
    assertThat(parent).containsExactly(ns(1, MISMATCH), ns(2, MISMATCH));
    for (int n = 1; n <= 3; n++) {
      assertThat(
              nsTargets(Dig.udp(lab.address(ns(n, MISMATCH)), MISMATCH, Type.NS), Section.ANSWER))
          .containsExactly(ns(1, MISMATCH), ns(2, MISMATCH), ns(3, MISMATCH));
    }

    assertThat(nsTargets(Dig.udp(lab.address(A_NIC), INCONSISTENT, Type.NS), Section.AUTHORITY))
        .containsExactly(ns(1, INCONSISTENT), ns(2, INCONSISTENT));
    assertThat(
            nsTargets(
                Dig.udp(lab.address(ns(1, INCONSISTENT)), INCONSISTENT, Type.NS), Section.ANSWER))
        .containsExactly(ns(1, INCONSISTENT), ns(2, INCONSISTENT));
    for (Message m : allWays(lab.address(ns(2, INCONSISTENT)), INCONSISTENT, Type.NS)) {
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(nsTargets(m, Section.ANSWER)).containsExactly(ns(2, INCONSISTENT));
      assertThat(addresses(m).keySet()).isSubsetOf(ns(2, INCONSISTENT));
    }
    assertThat(
            Dig.udp(lab.address(ns(2, INCONSISTENT)), INCONSISTENT, Type.SOA)
                .getSection(Section.ANSWER))
        .hasSize(1);
  }

  @Test
  void serialNs2IsOneSerialBehindInEveryAnswer() {
    for (Message m : allWays(lab.address(ns(2, SERIAL)), SERIAL, Type.SOA)) {
      assertThat(((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial())
          .isEqualTo(SERIAL_NUMBER - 1);
    }
    Message negative = Dig.udp(lab.address(ns(2, SERIAL)), ns(2, SERIAL), Type.AAAA);
    assertThat(((SOARecord) negative.getSection(Section.AUTHORITY).get(0)).getSerial())
        .isEqualTo(SERIAL_NUMBER - 1);
    assertThat(serial(lab.address(ns(1, SERIAL)), SERIAL)).isEqualTo(SERIAL_NUMBER);
  }

  @Test
  void longTtlIsOnTheApexAndParentTtlOnTheDelegation() {
    for (int n = 1; n <= 2; n++) {
      Message apex = Dig.udp(lab.address(ns(n, LONG_TTL)), LONG_TTL, Type.NS);
      assertThat(apex.getSection(Section.ANSWER)).hasSize(2).allMatch(r -> r.getTTL() == 172800);
      Message parentApex = Dig.udp(lab.address(ns(n, PARENT_TTL)), PARENT_TTL, Type.NS);
      assertThat(parentApex.getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 3600);
    }
    assertThat(Dig.udp(lab.address(A_NIC), LONG_TTL, Type.NS).getSection(Section.AUTHORITY))
        .allMatch(r -> r.getTTL() == 3600);
    Message parentTtl = Dig.udp(lab.address(B_NIC), PARENT_TTL, Type.NS);
    assertThat(parentTtl.getSection(Section.AUTHORITY))
        .hasSize(2)
        .allMatch(r -> r.getTTL() == 172800);
    assertThat(addresses(parentTtl)).hasSize(2);
  }

  @Test
  void unresolvableNsDoesNotExistAndAliasNsIsACnameToAServerOfTheZone() {
    Message gone = Dig.udp(lab.address(A_NIC), GONE_NS, Type.A);
    assertThat(gone.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(gone.getHeader().getFlag(Flags.AA)).isTrue();
    Message unresolvable = Dig.udp(lab.address(A_NIC), UNRESOLVABLE, Type.NS);
    assertThat(nsTargets(unresolvable, Section.AUTHORITY))
        .containsExactly(ns(1, UNRESOLVABLE), GONE_NS);
    assertThat(addresses(unresolvable)).containsOnlyKeys(ns(1, UNRESOLVABLE));

    // An iterative walk: the root refers to test., test. to cdn.test., whose server aliases.
    assertThat(nsTargets(Dig.udp(lab.address(ROOT_SERVER), ALIAS_NS, Type.A), Section.AUTHORITY))
        .containsExactly(A_NIC, B_NIC);
    Message toCdn = Dig.udp(lab.address(A_NIC), ALIAS_NS, Type.A);
    assertThat(nsTargets(toCdn, Section.AUTHORITY)).containsExactly(ns(1, CDN), ns(2, CDN));
    Message alias = Dig.udp(lab.address(ns(2, CDN)), ALIAS_NS, Type.A);
    assertThat(alias.getSection(Section.ANSWER)).hasSize(2);
    assertThat(((CNAMERecord) alias.getSection(Section.ANSWER).get(0)).getTarget().toString())
        .isEqualTo(ALIAS_TARGET);
    assertThat(alias.getSection(Section.ANSWER).get(1).rdataToString())
        .isEqualTo(ALIAS_TARGET_ADDRESS);
    assertThat(nsTargets(Dig.udp(lab.address(A_NIC), ALIAS, Type.NS), Section.AUTHORITY))
        .containsExactly(ns(1, ALIAS), ALIAS_NS);
    assertThat(lab.server(ALIAS_TARGET_ADDRESS).spec().zones())
        .containsExactly(Name.fromConstantString(ALIAS));
  }

  @Test
  void onensSharedAndOnenetHaveFewServersOrNetworks() {
    assertThat(nsTargets(Dig.udp(lab.address(A_NIC), ONE_NS, Type.NS), Section.AUTHORITY))
        .containsExactly(ns(1, ONE_NS));
    assertThat(addresses(Dig.udp(lab.address(A_NIC), SHARED, Type.NS)))
        .containsOnly(
            Map.entry(ns(1, SHARED), SHARED_ADDRESS), Map.entry(ns(2, SHARED), SHARED_ADDRESS));
    assertThat(lab.servers().stream().filter(s -> s.spec().serves(Name.fromConstantString(SHARED))))
        .hasSize(1);
    assertThat(addresses(Dig.udp(lab.address(B_NIC), ONE_NET, Type.NS)).values())
        .containsExactly(ONE_NET_NS1_ADDRESS, ONE_NET_NS2_ADDRESS)
        .allMatch(a -> a.startsWith("127.55.201."));
  }

  @Test
  void bigReferralNeedsTcWithoutEdnsWhileTheChildsOwnNsAnswerFits() {
    Message plain = Dig.udp(lab.address(A_NIC), BIG_REFERRAL, Type.NS);
    assertThat(plain.getHeader().getFlag(Flags.TC)).isTrue();
    Message whole = ask(lab.address(A_NIC), BIG_REFERRAL, Type.NS, true);
    assertThat(whole.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(nsTargets(whole, Section.AUTHORITY)).containsExactlyElementsOf(BIG_REFERRAL_SERVERS);
    assertThat(addresses(whole)).hasSize(6);
    whole.removeRecord(whole.getOPT(), Section.ADDITIONAL);
    assertThat(whole.toWire().length).isEqualTo(598).isGreaterThan(512);

    InetSocketAddress child = lab.address(BIG_REFERRAL_SERVERS.get(0));
    Message apex = Dig.udp(child, BIG_REFERRAL, Type.NS);
    assertThat(apex.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(apex.getSection(Section.ANSWER)).hasSize(6);
    assertThat(apex.toWire().length).isLessThanOrEqualTo(512);
    assertThat(BIG_REFERRAL_SERVERS).allMatch(n -> n.indexOf('.') == 63);
  }

  @Test
  void openRecursionNs2AnswersTheParentsSoaWithRaWhileNs1Refuses() {
    Message open = Dig.udp(lab.address(ns(2, OPEN_RECURSION)), TLD, Type.SOA);
    assertThat(open.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(open.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(open.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(open.getSection(Section.ANSWER))
        .extracting(Record::getType)
        .containsExactly(Type.SOA);
    Message own = Dig.udp(lab.address(ns(2, OPEN_RECURSION)), OPEN_RECURSION, Type.SOA);
    assertThat(own.getHeader().getFlag(Flags.AA)).isTrue();
    Message closed = Dig.udp(lab.address(ns(1, OPEN_RECURSION)), TLD, Type.SOA);
    assertThat(closed.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(closed.getHeader().getFlag(Flags.RA)).isFalse();
  }

  @Test
  void axfrNs2TransfersOverTcpWhileNs1Refuses() {
    Message transfer = Dig.tcpMessage(lab.address(ns(2, AXFR)), Dig.query(AXFR, Type.AXFR));
    List<Record> answer = transfer.getSection(Section.ANSWER);
    assertThat(transfer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answer.get(0).getType()).isEqualTo(Type.SOA);
    assertThat(answer.get(answer.size() - 1).getType()).isEqualTo(Type.SOA);
    assertThat(answer).hasSize(lab.world().zone(AXFR).orElseThrow().records().size() + 1);
    assertThat(Dig.tcpMessage(lab.address(ns(1, AXFR)), Dig.query(AXFR, Type.AXFR)).getRcode())
        .isEqualTo(Rcode.REFUSED);
    List<byte[]> udp =
        Dig.rawUdp(lab.address(ns(2, AXFR)), Dig.query(AXFR, Type.AXFR).toWire(), 1, SHORT);
    assertThat(udp).singleElement().satisfies(b -> assertThat(b[3] & 0xF).isEqualTo(Rcode.REFUSED));
  }

  /**
   * What the checker asks a good server: SOA and NS over UDP with and without EDNS and over TCP, A
   * and AAAA of in-zone NS names, AXFR over TCP (REFUSED), and {@code test. SOA} with RD=1
   * (REFUSED, RA clear).
   */
  private static void assertCleanServer(InetSocketAddress server, Name zone) {
    String apex = zone.toString();
    ZoneSpec spec = lab.world().zone(zone).orElseThrow();
    String at = server + " for " + apex;
    for (int type : new int[] {Type.SOA, Type.NS}) {
      for (Message m : allWays(server, apex, type)) {
        assertThat(m.getRcode()).as(at).isEqualTo(Rcode.NOERROR);
        assertThat(m.getHeader().getFlag(Flags.AA)).as(at).isTrue();
        assertThat(m.getHeader().getFlag(Flags.TC)).as(at).isFalse();
        assertThat(m.getHeader().getFlag(Flags.RA)).as(at).isFalse();
        assertThat(m.getSection(Section.ANSWER)).as(at).isEqualTo(spec.rrset(zone, type));
      }
    }
    assertThat(serial(server, apex)).as(at).isEqualTo(SERIAL_NUMBER);
    for (Record ns : spec.rrset(zone, Type.NS)) {
      Name host = ((NSRecord) ns).getTarget();
      if (host.subdomain(zone)) {
        Message a = Dig.udp(server, host.toString(), Type.A);
        assertThat(a.getHeader().getFlag(Flags.AA)).as(at).isTrue();
        assertThat(a.getSection(Section.ANSWER)).as(at).isEqualTo(spec.rrset(host, Type.A));
        Message aaaa = Dig.udp(server, host.toString(), Type.AAAA);
        assertThat(aaaa.getRcode()).as(at).isEqualTo(Rcode.NOERROR);
        assertThat(aaaa.getSection(Section.ANSWER)).as(at).isEmpty();
      }
    }
    Message axfr = Dig.tcpMessage(server, Dig.query(apex, Type.AXFR));
    assertThat(axfr.getRcode()).as(at).isEqualTo(Rcode.REFUSED);
    if (!zone.toString().equals(TLD)) {
      Message recursive = Dig.udp(server, TLD, Type.SOA);
      assertThat(recursive.getRcode()).as(at).isEqualTo(Rcode.REFUSED);
      assertThat(recursive.getHeader().getFlag(Flags.RA)).as(at).isFalse();
    }
  }

  private static List<Message> allWays(InetSocketAddress server, String name, int type) {
    return List.of(
        ask(server, name, type, true), ask(server, name, type, false), Dig.tcp(server, name, type));
  }

  private static Message ask(InetSocketAddress server, String name, int type, boolean edns) {
    Message query = edns ? Dig.ednsQuery(name, type, 1232) : Dig.query(name, type);
    return Dig.send(server, query, false, Duration.ofSeconds(2));
  }

  private static long serial(InetSocketAddress server, String zone) {
    return ((SOARecord) Dig.udp(server, zone, Type.SOA).getSection(Section.ANSWER).get(0))
        .getSerial();
  }

  private static List<String> nsTargets(Message m, int section) {
    return names(m.getSection(section));
  }

  private static List<String> names(List<Record> records) {
    List<String> names = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof NSRecord ns) {
        names.add(ns.getTarget().toString());
      }
    }
    return names;
  }

  /** Host name to address, from the A records of the additional section, in order. */
  private static Map<String, String> addresses(Message m) {
    return m.getSection(Section.ADDITIONAL).stream()
        .filter(r -> r.getType() == Type.A)
        .collect(
            Collectors.toMap(
                r -> r.getName().toString(),
                Record::rdataToString,
                (a, b) -> a + "," + b,
                java.util.LinkedHashMap::new));
  }

  /** The child's A records for its in-zone NS names: what the glue must equal. */
  private static Map<String, String> childAddresses(ZoneSpec child) {
    Map<String, String> result = new java.util.LinkedHashMap<>();
    for (Record ns : child.rrset(child.origin(), Type.NS)) {
      Name host = ((NSRecord) ns).getTarget();
      for (Record a : child.rrset(host, Type.A)) {
        result.merge(host.toString(), a.rdataToString(), (x, y) -> x + "," + y);
      }
    }
    return result;
  }
}
