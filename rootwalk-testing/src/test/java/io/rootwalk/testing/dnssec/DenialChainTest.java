package io.rootwalk.testing.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.ZoneSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The denial chains the signer builds: NSEC over authoritative names and delegation points only
 * (RFC 4035 section 2.3), NSEC3 over those and the empty non-terminals, in hash order (RFC 5155
 * section 7.1), each record with the TTL of a negative answer, and the proofs the lab serves from
 * them verifying.
 */
class DenialChainTest {

  private static final Name EXAMPLE_NET = Name.fromConstantString("example.net.");
  private static final byte[] SALT = HexFormat.of().parseHex("ab");

  private static SignedWorld nsec() {
    return WorldSigner.sign(DemoWorld.world(), SignedDemoWorldTest.NOW);
  }

  private static SignedWorld nsec3ExampleNet() {
    return WorldSigner.builder(DemoWorld.world(), SignedDemoWorldTest.NOW)
        .nsec3("example.net.", 3, SALT, false)
        .sign();
  }

  @Test
  void theNsecChainIsOneRingInCanonicalOrderOverNamesThatOwnData() {
    ZoneSpec zone = nsec().world().zone(EXAMPLE_NET).orElseThrow();
    List<NSECRecord> chain = records(zone, NSECRecord.class);

    TreeSet<Name> owners = new TreeSet<>();
    zone.records().stream()
        .filter(r -> r.getType() != Type.RRSIG && r.getType() != Type.NSEC)
        .forEach(r -> owners.add(r.getName()));
    List<Name> expected = new ArrayList<>(owners);
    assertThat(chain).extracting(Record::getName).containsExactlyInAnyOrderElementsOf(expected);
    for (NSECRecord nsec : chain) {
      int i = expected.indexOf(nsec.getName());
      assertThat(nsec.getNext()).isEqualTo(expected.get((i + 1) % expected.size()));
    }
    assertThat(expected.get(0)).isEqualTo(EXAMPLE_NET);
    assertThat(chain).extracting(Record::getName).doesNotContain(name("deep.example.net."));
  }

  @Test
  void everyNsecHasTheNegativeTtlTheLesserOfTheSoaTtlAndItsMinimum() {
    SignedWorld signed = nsec();

    // example.net.: SOA TTL 3600, minimum 300. com.: SOA TTL 900, minimum 86400 (RFC 9077).
    assertThat(records(signed.world().zone(EXAMPLE_NET).orElseThrow(), NSECRecord.class))
        .allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(300));
    assertThat(records(signed.world().zone("com.").orElseThrow(), NSECRecord.class))
        .allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(900));
  }

  @Test
  void glueGetsNoNsecAndACutsBitmapListsOnlyNsDsAndTheDnssecTypes() {
    ZoneSpec com = nsec().world().zone("com.").orElseThrow();
    List<NSECRecord> chain = records(com, NSECRecord.class);

    assertThat(chain).extracting(Record::getName).doesNotContain(name("ns1.example.com."));
    assertThat(chain)
        .filteredOn(r -> r.getName().equals(name("example.com.")))
        .singleElement()
        .satisfies(
            r -> assertThat(r.getTypes()).containsExactly(Type.NS, Type.DS, Type.RRSIG, Type.NSEC));
    assertThat(chain)
        .filteredOn(r -> r.getName().equals(name("com.")))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getTypes())
                    .containsExactly(Type.NS, Type.SOA, Type.RRSIG, Type.NSEC, Type.DNSKEY));
  }

  @Test
  void givenNsecThenNoDataAtAnEmptyNonTerminalCarriesTheNsecThatPointsBelowIt() {
    SignedWorld signed = nsec();
    Name deep = name("deep.example.net.");

    Message m = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_NET, "deep.example.net.", 1);

    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    List<NSECRecord> proof =
        m.getSection(Section.AUTHORITY).stream()
            .filter(NSECRecord.class::isInstance)
            .map(NSECRecord.class::cast)
            .toList();
    // An empty non-terminal has no NSEC of its own (RFC 4035 section 2.3): the one before it,
    // whose next name lies below it, shows that the name exists and owns nothing.
    assertThat(proof)
        .singleElement()
        .satisfies(
            nsec -> {
              assertThat(nsec.getName().compareTo(deep)).isNegative();
              assertThat(nsec.getNext().subdomain(deep)).isTrue();
            });
    assertThat(SignedAnswers.verifyAll(signed, m)).isEqualTo(2);
  }

  @Test
  void theNsec3ChainHoldsTheEmptyNonTerminalsAndLinksItsHashesInOrder() {
    ZoneSpec zone = nsec3ExampleNet().world().zone(EXAMPLE_NET).orElseThrow();
    List<NSEC3Record> chain = records(zone, NSEC3Record.class);

    assertThat(records(zone, NSECRecord.class)).isEmpty();
    // The owners of data in example.net. (as many as NSEC has), and the empty non-terminals deep
    // and ent.deep (above leaf.ent.deep) and wild (above *.wild).
    int owners = records(nsec().world().zone(EXAMPLE_NET).orElseThrow(), NSECRecord.class).size();
    assertThat(chain).hasSize(owners + 3);
    assertThat(at(chain, "ent.deep.example.net.").getTypes()).isEmpty();
    assertThat(at(chain, "wild.example.net.").getTypes()).isEmpty();
    NSEC3Record deep = at(chain, "deep.example.net.");
    assertThat(deep.getTypes()).isEmpty();
    assertThat(at(chain, "www.example.net.").getTypes()).containsExactly(Type.A, Type.RRSIG);
    List<NSEC3Record> sorted = new ArrayList<>(chain);
    sorted.sort((a, b) -> a.getName().compareTo(b.getName()));
    for (int i = 0; i < sorted.size(); i++) {
      byte[] nextOwner = Denial.hash(original(sorted.get((i + 1) % sorted.size()), zone), 3, SALT);
      assertThat(sorted.get(i).getNext()).isEqualTo(nextOwner);
      assertThat(sorted.get(i).getIterations()).isEqualTo(3);
      assertThat(sorted.get(i).getSalt()).isEqualTo(SALT);
      assertThat(sorted.get(i).getFlags()).isZero();
      assertThat(sorted.get(i).getTTL()).isEqualTo(300);
    }
    NSEC3PARAMRecord param = (NSEC3PARAMRecord) zone.rrset(EXAMPLE_NET, Type.NSEC3PARAM).get(0);
    assertThat(param.getIterations()).isEqualTo(3);
    assertThat(param.getSalt()).isEqualTo(SALT);
    assertThat(param.getFlags()).isZero();
  }

  @Test
  void withOptOutOnlySignedDelegationsGetAnNsec3AndEveryRecordHasTheFlag() {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), SignedDemoWorldTest.NOW)
            .nsec3("com.", 0, new byte[0], true)
            .sign();
    ZoneSpec com = signed.world().zone("com.").orElseThrow();
    List<Name> owners = records(com, NSEC3Record.class).stream().map(Record::getName).toList();

    assertThat(owners).contains(hashed("com.", "com."), hashed("com.", "example.com."));
    assertThat(owners).doesNotContain(hashed("com.", "broken.com."), hashed("com.", "dead.com."));
    assertThat(records(com, NSEC3Record.class))
        .allSatisfy(r -> assertThat(r.getFlags()).isEqualTo(NSEC3Record.Flags.OPT_OUT));
  }

  @Test
  void givenNsec3ThenNxdomainWildcardAndEmptyNonTerminalProofsVerify() {
    SignedWorld signed = nsec3ExampleNet();

    Message nx = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_NET, "nope.example.net.", Type.A);
    Message wild = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_NET, "x.wild.example.net.", 1);
    Message ent = SignedAnswers.ask(signed, DemoWorld.NS1_EXAMPLE_NET, "deep.example.net.", 1);

    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    // SOA, closest encloser, next closer, wildcard: some may be one record.
    assertThat(count(nx, Type.NSEC3)).isBetween(2, 3);
    assertThat(SignedAnswers.verifyAll(signed, nx)).isEqualTo(1 + count(nx, Type.NSEC3));
    assertThat(count(wild, Type.NSEC3)).isOne();
    assertThat(SignedAnswers.verifyAll(signed, wild)).isEqualTo(2);
    assertThat(SignedAnswers.types(ent, Section.AUTHORITY))
        .contains(hashedNet("deep.example.net.") + " NSEC3");
    assertThat(SignedAnswers.verifyAll(signed, ent)).isEqualTo(2);
  }

  private static <T extends Record> List<T> records(ZoneSpec zone, Class<T> type) {
    return zone.records().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static NSEC3Record at(List<NSEC3Record> chain, String original) {
    Name owner = hashedNet(original);
    return chain.stream().filter(r -> r.getName().equals(owner)).findFirst().orElseThrow();
  }

  /** The original owner whose hash is the NSEC3's owner, among the zone's names and their ENTs. */
  private static Name original(NSEC3Record nsec3, ZoneSpec zone) {
    TreeSet<Name> names = new TreeSet<>();
    for (Record r : zone.records()) {
      for (Name n = r.getName(); n.subdomain(zone.origin()); n = new Name(n, 1)) {
        names.add(n);
        if (n.equals(zone.origin())) {
          break;
        }
      }
    }
    return names.stream()
        .filter(n -> hashedNet(n.toString()).equals(nsec3.getName()))
        .findFirst()
        .orElseThrow();
  }

  private static Name hashedNet(String original) {
    return Denial.hashedOwner(EXAMPLE_NET, name(original), 3, SALT);
  }

  private static Name hashed(String zone, String original) {
    return Denial.hashedOwner(name(zone), name(original), 0, new byte[0]);
  }

  private static int count(Message m, int type) {
    return (int) m.getSection(Section.AUTHORITY).stream().filter(r -> r.getType() == type).count();
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }
}
