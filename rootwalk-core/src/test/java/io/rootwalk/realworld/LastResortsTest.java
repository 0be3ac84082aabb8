package io.rootwalk.realworld;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.LabResolvers;
import io.rootwalk.LameReason;
import io.rootwalk.Outcome;
import io.rootwalk.Resolution;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import io.rootwalk.TraceStep.LastResort.Fallback;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.World;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Zones reachable only the ways real resolvers know (issue 10, classes 5, 7 and 8): parent-side
 * glue when a name server's own zone will not give its address, the other address family when the
 * only one known cannot be used, and DS asked of the parent even when a server refers to the child.
 */
class LastResortsTest {

  /**
   * sixdeleg.example.com. is served by nsv6.example.com., a name in example.com whose referral glue
   * is rewritten below to carry only its AAAA: on an IPv4-only path nothing is usable until its A
   * is looked up.
   */
  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone(
            "example.com.",
            """
            sixdeleg IN NS nsv6.example.com.
            nsv6 IN A 127.53.20.1
            nsv6 IN AAAA 2001:db8::53
            """)
        .zone(
            "sixdeleg.example.com.",
            """
            $TTL 3600
            @   IN SOA nsv6.example.com. hostmaster.example.com. 1 3600 900 1209600 300
            @   IN NS nsv6.example.com.
            www IN A 192.0.2.66
            """)
        .server("nsv6.example.com.", "127.53.20.1", "sixdeleg.example.com.")
        .build();
  }

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(LastResortsTest::world);

  @Test
  void parentSideGlueReachesNameServersWhoseOwnZoneWillNotGiveTheirAddress() {
    // dnshost.net's servers serve shop.com, but refuse every question about dnshost.net itself,
    // their own addresses included: the chase for ns1/ns2.dnshost.net fails, and only the glue
    // net. gave for them (cached with the dnshost.net delegation) reaches them.
    Name dnshost = Name.fromConstantString("dnshost.net.");
    Fault refuseOwnZone = Misbehaviour.refusing(name -> name.subdomain(dnshost));
    lab.server(DemoWorld.NS1_DNSHOST).fault(refuseOwnZone);
    lab.server(DemoWorld.NS2_DNSHOST).fault(refuseOwnZone);

    Resolution r = lab.lookup("www.shop.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.80");
    TraceStep.LastResort glue = lastResort(r, Fallback.PARENT_SIDE_GLUE);
    assertThat(glue.zoneCut()).hasToString("shop.com.");
    assertThat(glue.servers())
        .extracting(a -> a.address().getHostAddress())
        .contains("127.53.13.1");
  }

  @Test
  void theOtherAddressFamilyIsChasedWhenTheOnlyKnownOneCannotBeUsed() {
    Fault onlyAaaaGlue = dropAGlueFor(Name.fromConstantString("nsv6.example.com."));
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(onlyAaaaGlue);
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(onlyAaaaGlue);

    Resolution r =
        lab.resolver(b -> b.ipFamily(IpFamilyPolicy.IPV4_ONLY))
            .lookup("www.sixdeleg.example.com", Type.A);

    assertThat(r).isNoError().hasAddresses("192.0.2.66");
    assertThat(lastResort(r, Fallback.OTHER_ADDRESS_FAMILY).reason())
        .contains("nsv6.example.com.")
        .contains("IPv6");
    assertThat(r.trace().steps())
        .filteredOn(s -> s instanceof TraceStep.Chase)
        .extracting(s -> Type.string(((TraceStep.Chase) s).type()))
        .containsExactly("A");
  }

  @Test
  void dsIsAskedOfTheParentEvenWhenAServerRefersToTheChild() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(referringDsToTheChild());

    Resolution r = lab.lookup("api.example.com", Type.DS);

    assertThat(r).isNoData();
    assertThat(r.authority())
        .singleElement()
        .satisfies(soa -> assertThat(soa.getName()).hasToString("example.com."));
    assertThat(r.trace().exchanges())
        .as("no child server was asked for the child's DS")
        .noneMatch(e -> e.zoneCut().toString().equals("api.example.com."));
    assertThat(r.trace().exchanges())
        .anySatisfy(
            e ->
                assertThat(e.outcome())
                    .isInstanceOfSatisfying(
                        Outcome.Lame.class,
                        l -> assertThat(l.reason()).isEqualTo(LameReason.CHILD_REFERRAL_FOR_DS)));
  }

  private static TraceStep.LastResort lastResort(Resolution r, Fallback fallback) {
    List<TraceStep.LastResort> found =
        r.trace().flatten().stream()
            .filter(s -> s.kind() == StepKind.LAST_RESORT)
            .map(s -> (TraceStep.LastResort) s)
            .filter(l -> l.fallback() == fallback)
            .toList();
    assertThat(found).as("a %s step in%n%s", fallback, r.trace().render()).hasSize(1);
    return found.get(0);
  }

  private static Fault dropAGlueFor(Name nameServer) {
    return Fault.mutate(
        m -> {
          List<Record> additional = List.copyOf(m.getSection(Section.ADDITIONAL));
          for (Record r : additional) {
            if (r instanceof ARecord && r.getName().equals(nameServer)) {
              m.removeRecord(r, Section.ADDITIONAL);
            }
          }
          return m;
        });
  }

  /** An old server's mistake: DS of a delegated child answered with a referral to the child. */
  private static Fault referringDsToTheChild() {
    Name api = Name.fromConstantString("api.example.com.");
    return Fault.mutate(
        m -> {
          if (m.getQuestion().getType() != Type.DS || !m.getQuestion().getName().equals(api)) {
            return m;
          }
          Message referral = new Message(m.getHeader().getID());
          referral.getHeader().setFlag(Flags.QR);
          referral.addRecord(m.getQuestion(), Section.QUESTION);
          for (String ns : List.of(DemoWorld.NS1_API, DemoWorld.NS2_API)) {
            referral.addRecord(
                new NSRecord(api, DClass.IN, 3600, Name.fromConstantString(ns)), Section.AUTHORITY);
          }
          referral.addRecord(
              new ARecord(
                  Name.fromConstantString(DemoWorld.NS1_API),
                  DClass.IN,
                  3600,
                  Misbehaviour.address("127.53.11.1")),
              Section.ADDITIONAL);
          return referral;
        });
  }
}
