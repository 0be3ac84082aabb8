package io.rootwalk.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Outcome;
import io.rootwalk.Resolver;
import io.rootwalk.TraceStep;
import io.rootwalk.check.AddressReport;
import io.rootwalk.check.AddressSource;
import io.rootwalk.check.CheckOptions;
import io.rootwalk.check.DelegationReport;
import io.rootwalk.check.Finding;
import io.rootwalk.check.FindingCode;
import io.rootwalk.check.NameServerReport;
import io.rootwalk.check.ParentDelegation;
import io.rootwalk.check.Severity;
import io.rootwalk.check.ZoneTransfer;
import io.rootwalk.testing.World;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Issue 16's interop promise: {@code Resolver.check} on a zone served by real NSD, Knot and BIND
 * processes, configured as a careful operator configures them (no recursion, no zone transfers, TCP
 * on), finds it healthy; and the one mistake a real server really makes here, a zone handed to
 * anyone by AXFR, is found on that server and nowhere else.
 *
 * <pre>
 * .             a.root-servers.net   127.53.50.1
 * test.         a.nic.test           127.53.50.2   in-domain glue for ns1/ns2.interop.test
 * interop.test  ns1.interop.test     127.53.51.1   (another /24 for each server: no SINGLE_NETWORK)
 *               ns2.interop.test     127.53.52.1
 * leaky.test    ns1/ns2.interop.test (the same two servers; ns2 allows its AXFR to anyone)
 * </pre>
 *
 * <p>Every zone is served by the implementation under test, one process per address, as in {@link
 * InteropScenarios}; NS TTLs are one day at the parent and an hour at the apex, within the check's
 * threshold. Each daemon's world starts once for its nested class and is stopped after it, so only
 * one daemon's processes run at a time. A missing daemon skips its scenarios, unless {@code
 * CI=true}: then they fail.
 */
@DisplayName("rootwalk check against zones served by real NSD, Knot and BIND")
class DelegationCheckInteropTest {

  static final String ZONE = "interop.test.";
  static final String LEAKY = "leaky.test.";
  static final String NS1 = "ns1.interop.test.";
  static final String NS2 = "ns2.interop.test.";
  static final String NS1_ADDRESS = "127.53.51.1";
  static final String NS2_ADDRESS = "127.53.52.1";
  static final long SERIAL = 2025060101L;

  private static final Duration QUERY_TIMEOUT = Duration.ofMillis(1000);

  private static final World WORLD = world();

  private static World world() {
    return World.builder()
        .zone(
            ".",
            """
            $TTL 86400
            @     IN SOA a.root-servers.net. nstld.verisign-grs.com. 2025060100 1800 900 604800 86400
            @     518400 IN NS a.root-servers.net.
            test. 172800 IN NS a.nic.test.
            a.root-servers.net. 518400 IN A 127.53.50.1
            a.nic.test.         172800 IN A 127.53.50.2
            """)
        .zone(
            "test.",
            """
            $TTL 86400
            @       900 IN SOA a.nic.test. hostmaster.nic.test. 2025060100 1800 900 604800 3600
            @       IN NS a.nic.test.
            a.nic   IN A  127.53.50.2
            interop IN NS ns1.interop.test.
            interop IN NS ns2.interop.test.
            ns1.interop IN A 127.53.51.1
            ns2.interop IN A 127.53.52.1
            leaky   IN NS ns1.interop.test.
            leaky   IN NS ns2.interop.test.
            """)
        .zone(
            ZONE,
            """
            $TTL 3600
            @   IN SOA ns1.interop.test. hostmaster.interop.test. 2025060101 3600 900 1209600 300
            @   IN NS ns1.interop.test.
            @   IN NS ns2.interop.test.
            ns1 IN A 127.53.51.1
            ns2 IN A 127.53.52.1
            www IN A 192.0.2.53
            """)
        .zone(
            LEAKY,
            """
            $TTL 3600
            @   IN SOA ns1.interop.test. hostmaster.leaky.test. 2025060101 3600 900 1209600 300
            @   IN NS ns1.interop.test.
            @   IN NS ns2.interop.test.
            www IN A 192.0.2.54
            secret IN TXT "what an AXFR hands out"
            """)
        .server("a.root-servers.net.", "127.53.50.1", ".")
        .server("a.nic.test.", "127.53.50.2", "test.")
        .server(NS1, NS1_ADDRESS, ZONE, LEAKY)
        .server(NS2, NS2_ADDRESS, ZONE, LEAKY)
        .build();
  }

  @Nested
  @DisplayName("[nsd] interop.test. and leaky.test. served by nsd processes")
  class Nsd extends AgainstRealServers {
    Nsd() {
      super(new NsdServer());
    }
  }

  @Nested
  @DisplayName("[knot] interop.test. and leaky.test. served by knotd processes")
  class Knot extends AgainstRealServers {
    Knot() {
      super(new KnotServer());
    }
  }

  @Nested
  @DisplayName("[bind] interop.test. and leaky.test. served by named processes")
  class Bind extends AgainstRealServers {
    Bind() {
      super(new BindServer());
    }
  }

  /** The scenarios, against one implementation's world. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class AgainstRealServers {

    private final AuthoritativeImplementation implementation;
    private InteropWorld servers;
    private String unavailable;
    private Resolver resolver;

    AgainstRealServers(AuthoritativeImplementation careful) {
      // The operator's one slip: ns2 hands leaky.test. to anyone; every other transfer is refused.
      this.implementation = careful.withTransfers(ZoneTransfers.refused().openToAnyone(NS2, LEAKY));
    }

    @BeforeAll
    void startServers() {
      Optional<Path> binary = implementation.findBinary();
      if (binary.isEmpty()) {
        unavailable = implementation.missingMessage();
      } else {
        try {
          servers = InteropWorld.start(implementation, binary.orElseThrow(), WORLD);
          System.out.println("started " + servers);
        } catch (AuthoritativeImplementation.HostNotReady e) {
          unavailable =
              implementation.label() + " interop tests cannot run here: " + e.getMessage();
        }
      }
      if (unavailable != null) {
        System.err.println("SKIPPED: " + unavailable);
      }
    }

    @AfterAll
    void stopServers() {
      if (servers != null) {
        servers.close();
      }
    }

    @BeforeEach
    void freshResolver() {
      InteropScenarios.requireOrSkip(unavailable == null, unavailable);
      resolver =
          Resolver.builder()
              .rootHints(servers.rootHints())
              .upstreamPort(servers.port())
              .queryTimeout(QUERY_TIMEOUT)
              .deadline(Duration.ofSeconds(8))
              .build();
    }

    @AfterEach
    void closeResolver() {
      if (resolver != null) {
        resolver.close();
      }
    }

    @Test
    @DisplayName("interop.test. is healthy: no finding at all, every address answered in full")
    void carefulOperatorsZoneIsHealthy() {
      DelegationReport r = check(ZONE);

      assertThat(r.healthy()).as(account(r)).isTrue();
      assertThat(codes(r)).as(account(r)).isEmpty();
      ParentDelegation parent = r.parent().orElseThrow();
      assertThat(parent.parentZone()).hasToString("test.");
      // BIND shuffles RRsets, so orders are not asserted.
      assertThat(parent.nameServers())
          .extracting(Name::toString)
          .containsExactlyInAnyOrder(NS1, NS2);
      assertThat(parent.glue())
          .extracting(g -> g.getName() + " " + g.rdataToString())
          .containsExactlyInAnyOrder(NS1 + " " + NS1_ADDRESS, NS2 + " " + NS2_ADDRESS);
      assertThat(parent.ttl()).isEqualTo(86400);
      assertThat(r.servers())
          .extracting(NameServerReport::name)
          .extracting(Name::toString)
          .containsExactlyInAnyOrder(NS1, NS2);
      assertThat(r.servers())
          .allSatisfy(
              ns -> {
                assertThat(ns.listedByParent() && ns.listedByChild()).isTrue();
                assertThat(ns.addresses())
                    .singleElement()
                    .satisfies(a -> assertAnsweredInFull(ns, a));
              });
      // The OPEN_RECURSION probe, test. SOA with RD=1: a server without recursion refuses it.
      assertThat(r.trace().steps())
          .filteredOn(TraceStep.Exchange.class::isInstance)
          .map(TraceStep.Exchange.class::cast)
          .filteredOn(e -> e.zoneCut().toString().equals(ZONE))
          .filteredOn(e -> e.sent().name().toString().equals("test."))
          .extracting(e -> e.server().address().getHostAddress() + " " + result(e.outcome()))
          .containsExactlyInAnyOrder(NS1_ADDRESS + " REFUSED", NS2_ADDRESS + " REFUSED");
    }

    @Test
    @DisplayName(
        "leaky.test.: ns2 hands the zone to anyone, ZONE_TRANSFER_OPEN there and only there")
    void openTransferIsFoundOnThatServer() {
      DelegationReport r = check(LEAKY);

      assertThat(codes(r))
          .as(account(r))
          .containsExactly("WARNING ZONE_TRANSFER_OPEN " + NS2 + " " + NS2_ADDRESS);
      Finding open = r.findings(FindingCode.ZONE_TRANSFER_OPEN).get(0);
      assertThat(open.detail()).contains("AXFR " + LEAKY, "RFC 5936");
      assertThat(r.healthy()).isFalse();
      assertThat(r.worst()).contains(Severity.WARNING);
    }

    private DelegationReport check(String zone) {
      DelegationReport r =
          resolver.check(
              Name.fromConstantString(zone),
              CheckOptions.defaults().withQueryTimeout(QUERY_TIMEOUT));
      System.out.printf(
          "%n[%s] check %s:%n%s%n%s%n",
          implementation.label(), zone, account(r), r.trace().render());
      return r;
    }

    /** SOA over UDP with and without EDNS and over TCP, with AA, the serial and both NS names. */
    private static void assertAnsweredInFull(NameServerReport ns, AddressReport a) {
      String address = ns.name().toString().equals(NS1) ? NS1_ADDRESS : NS2_ADDRESS;
      assertThat(a.address().getHostAddress()).isEqualTo(address);
      assertThat(a.sources()).contains(AddressSource.GLUE, AddressSource.CHILD);
      assertThat(List.of(a.probed(), a.udp(), a.tcp(), a.edns(), a.authoritative()))
          .as("%s %s probed, udp, tcp, edns, authoritative", ns.name(), address)
          .containsOnly(true);
      assertThat(a.soaSerial()).isEqualTo(OptionalLong.of(SERIAL));
      assertThat(a.apexNameServers()).extracting(Name::toString).containsExactly(NS1, NS2);
      // Tried and turned down: REFUSED from NSD and BIND, NOTAUTH from Knot.
      assertThat(a.zoneTransfer()).isEqualTo(ZoneTransfer.REFUSED);
      assertThat(a.apexNsTtl()).isEqualTo(OptionalLong.of(3600));
    }

    /** The rcode of a rejection, else the kind of outcome. */
    private static String result(Outcome outcome) {
      return outcome instanceof Outcome.Lame lame ? lame.rcodeName() : outcome.kind().toString();
    }

    /** "SEVERITY CODE server address" per finding, for exact assertions. */
    private static List<String> codes(DelegationReport r) {
      return r.findings().stream()
          .map(f -> f.severity() + " " + f.code() + f.server().map(s -> " " + s).orElse(""))
          .toList();
    }

    /** Every finding with its detail, then each server's addresses: what a failure shows. */
    private static String account(DelegationReport r) {
      String findings =
          r.findings().isEmpty()
              ? "  (no findings)"
              : r.findings().stream().map(f -> "  " + f).collect(Collectors.joining("\n"));
      String servers =
          r.servers().stream()
              .flatMap(
                  ns ->
                      ns.addresses().stream()
                          .map(
                              a ->
                                  "  "
                                      + ns.name()
                                      + " "
                                      + a.address().getHostAddress()
                                      + " "
                                      + a.sources()
                                      + (a.udp() ? " udp" : "")
                                      + (a.tcp() ? " tcp" : "")
                                      + (a.edns() ? " edns" : "")
                                      + (a.authoritative() ? " aa" : "")
                                      + " serial "
                                      + a.soaSerial()
                                      + " ns "
                                      + a.apexNameServers()))
              .collect(Collectors.joining("\n"));
      return r.zone()
          + " findings:\n"
          + findings
          + "\nparent: "
          + r.parent().map(DelegationCheckInteropTest::describe).orElse("(none)")
          + "\nservers:\n"
          + servers;
    }
  }

  private static String describe(ParentDelegation p) {
    return p.parentZone()
        + " via "
        + p.source()
        + " NS "
        + p.nameServers()
        + " TTL "
        + p.ttl()
        + " glue "
        + p.glue().stream().map(Record::rdataToString).toList();
  }
}
