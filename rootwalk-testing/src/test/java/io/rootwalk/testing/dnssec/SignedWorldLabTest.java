package io.rootwalk.testing.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.World;
import io.rootwalk.testing.ZoneSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A signed world outside the answerer: zones with algorithms of their own, served by a running
 * {@link DnsLab} over loopback UDP, and written out as zone files another server could load.
 */
class SignedWorldLabTest {

  @Test
  void givenAnAlgorithmPerZoneThenEachDsNamesItsChildsAlgorithmAndIsSignedWithTheParents() {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), SignedDemoWorldTest.NOW)
            .algorithm(".", DNSSEC.Algorithm.RSASHA256)
            .algorithm("com.", DNSSEC.Algorithm.ED25519)
            .sign();

    assertThat(signed.signer(".").ksk().algorithm()).isEqualTo(8);
    assertThat(signed.signer("com.").zsk().algorithm()).isEqualTo(15);
    assertThat(signed.signer("example.com.").zsk().algorithm()).isEqualTo(13);
    DSRecord comDs = (DSRecord) signed.rrset("com.", Type.DS).first();
    assertThat(comDs.getAlgorithm()).isEqualTo(15);
    assertThat(signed.rrset("com.", Type.DS).sigs().get(0).getAlgorithm()).isEqualTo(8);
    Message referral = SignedAnswers.ask(signed, DemoWorld.A_GTLD, "www.example.com.", Type.A);
    assertThat(SignedAnswers.signatures(referral))
        .singleElement()
        .satisfies(s -> assertThat(s.getAlgorithm()).isEqualTo(15));
    assertThat(SignedAnswers.verifyAll(signed, referral)).isOne();
  }

  @Test
  void theLabServesSignaturesOverUdpToDoQueriesOnly() throws Exception {
    SignedWorld signed = WorldSigner.sign(DemoWorld.world(), SignedDemoWorldTest.NOW);
    try (DnsLab lab = DnsLab.start(signed.world())) {
      SimpleResolver resolver = new SimpleResolver(lab.address(DemoWorld.NS1_EXAMPLE_COM));
      resolver.setTimeout(Duration.ofSeconds(2));
      Message query =
          Message.newQuery(
              Record.newRecord(Name.fromConstantString("example.com."), Type.DNSKEY, DClass.IN));

      resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
      Message withDo = resolver.send(query);
      resolver.setEDNS(0, 1232, 0, List.of());
      Message withoutDo = resolver.send(query);

      assertThat(SignedAnswers.verifyAll(signed, withDo)).isOne();
      assertThat(SignedAnswers.signatures(withoutDo)).isEmpty();
      assertThat(withoutDo.getSection(Section.ANSWER))
          .hasSize(2)
          .allSatisfy(r -> assertThat(r).isInstanceOf(DNSKEYRecord.class));
    }
  }

  @Test
  void zoneFilesOfTheSignedWorldReadBackToTheSameRecords(@TempDir Path dir) throws Exception {
    SignedWorld signed =
        WorldSigner.builder(DemoWorld.world(), SignedDemoWorldTest.NOW)
            .nsec3("example.net.", 0, new byte[0], false)
            .sign();

    List<Path> files = signed.world().writeZoneFiles(dir);

    assertThat(files).hasSize(signed.world().zones().size());
    for (ZoneSpec zone : signed.world().zones()) {
      String text = Files.readString(dir.resolve(zone.fileName()), StandardCharsets.UTF_8);
      ZoneSpec read =
          World.builder()
              .zone(zone.origin().toString(), text)
              .build()
              .zone(zone.origin())
              .orElseThrow();
      assertThat(new HashSet<>(read.records())).isEqualTo(new HashSet<>(zone.records()));
      assertThat(text).contains("RRSIG", "DNSKEY");
    }
    assertThat(Files.readString(dir.resolve("example.net.zone"))).contains("NSEC3PARAM");
  }
}
