package io.rootwalk.realworld;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Provenance;
import io.rootwalk.Resolution;
import io.rootwalk.ZoneCut;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A zone whose own NS set differs from its parent's (issue 10, class 6): com. delegates
 * example.com. to ns1 and ns2, the zone itself also lists ns3, which its answers carry in the
 * authority section as BIND's do. RFC 2181 section 5.4.1 ranks the child's NS RRset above the
 * parent's: the resolver keeps both, prefers the child's names, and lets neither extend the
 * delegation's life beyond the parent's TTL.
 */
class ChildSideNsTest {

  private static final String NS3 = "ns3.example.com.";
  private static final String NS3_ADDRESS = "127.53.21.1";

  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone("example.com.", "@ IN NS " + NS3 + "\nns3 IN A " + NS3_ADDRESS + "\n")
        .server(NS3, NS3_ADDRESS, "example.com.")
        .build();
  }

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(ChildSideNsTest::world);

  /** What BIND adds to an authoritative answer: the zone's own NS RRset and its glue. */
  private static Fault withTheZonesOwnNsSet() {
    Name zone = Name.fromConstantString("example.com.");
    return Fault.mutate(
        m -> {
          if (!m.getHeader().getFlag(Flags.AA) || m.getSection(Section.ANSWER).isEmpty()) {
            return m;
          }
          for (String ns :
              new String[] {DemoWorld.NS1_EXAMPLE_COM, DemoWorld.NS2_EXAMPLE_COM, NS3}) {
            m.addRecord(
                new NSRecord(zone, DClass.IN, 86400, Name.fromConstantString(ns)),
                Section.AUTHORITY);
          }
          m.addRecord(
              new ARecord(
                  Name.fromConstantString(NS3),
                  DClass.IN,
                  86400,
                  Misbehaviour.address(NS3_ADDRESS)),
              Section.ADDITIONAL);
          return m;
        });
  }

  @Test
  void theChildsOwnNameServersAreKeptAndPreferredWhenTheParentsFail() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(withTheZonesOwnNsSet());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(withTheZonesOwnNsSet());
    assertThat(lab.lookup("www.example.com", Type.A)).isNoError();

    ZoneCut cut =
        lab.resolver().closestZoneCut(Name.fromConstantString("www.example.com.")).orElseThrow();
    assertThat(cut.nameServers())
        .as("the parent's NS set stays the delegation's")
        .extracting(Name::toString)
        .containsExactly(DemoWorld.NS1_EXAMPLE_COM, DemoWorld.NS2_EXAMPLE_COM);
    assertThat(cut.addresses())
        .filteredOn(a -> a.nameServer().toString().equals(NS3))
        .singleElement()
        .satisfies(a -> assertThat(a.provenance()).isEqualTo(Provenance.CHILD_SIDE));
    assertThat(cut.ttl())
        .as("the child's 86400 s NS TTL does not extend the parent's 172800 s delegation")
        .isLessThanOrEqualTo(172800);

    // The servers the parent named go dark; only the child's own third server still answers.
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.drop());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.drop());
    Resolution r = lab.lookup("mail.example.com", Type.A);

    assertThat(r).isNoError();
    assertThat(r).trace().lastExchange().wentTo(NS3).hasProvenance(Provenance.CHILD_SIDE);
  }
}
