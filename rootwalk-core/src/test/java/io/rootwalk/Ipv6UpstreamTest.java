package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * IPv6 name servers: v6.com. is delegated to a server reachable only at ::1 (AAAA glue), dual.com.
 * to one server with an IPv4 and one with an IPv6 address. The address-family policy decides.
 */
class Ipv6UpstreamTest {

  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone(
            "com.",
            """
            v6.com. 172800 IN NS ns.v6.com.
            ns.v6.com. 172800 IN AAAA ::1
            dual.com. 172800 IN NS ns4.dual.com.
            dual.com. 172800 IN NS ns6.dual.com.
            ns4.dual.com. 172800 IN A 127.53.30.1
            ns6.dual.com. 172800 IN AAAA ::1
            """)
        .zone(
            "v6.com.",
            """
            $TTL 3600
            @ IN SOA ns.v6.com. hostmaster.v6.com. 1 3600 900 1209600 300
            @ IN NS ns.v6.com.
            ns IN AAAA ::1
            www IN A 192.0.2.66
            """)
        .zone(
            "dual.com.",
            """
            $TTL 3600
            @ IN SOA ns4.dual.com. hostmaster.dual.com. 1 3600 900 1209600 300
            @ IN NS ns4.dual.com.
            @ IN NS ns6.dual.com.
            ns4 IN A 127.53.30.1
            ns6 IN AAAA ::1
            www IN A 192.0.2.67
            """)
        .server("ns.v6.com.", "::1", "v6.com.", "dual.com.")
        .server("ns4.dual.com.", "127.53.30.1", "dual.com.")
        .build();
  }

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(Ipv6UpstreamTest::world);

  @Test
  void aServerReachableOnlyOverIpv6IsAskedAtItsAaaaGlue() {
    Resolution res = lab.lookup("www.v6.com", Type.A);

    assertThat(res)
        .isNoError()
        .hasAddresses("192.0.2.66")
        .trace()
        .lastExchange()
        .wentToIpv6()
        .hasProvenance(Provenance.IN_DOMAIN_GLUE);
  }

  @Test
  void ipv4OnlyNeverSendsOverIpv6() {
    Resolver r = lab.resolver(b -> b.ipFamily(IpFamilyPolicy.IPV4_ONLY));
    assertThat(r.lookup("www.v6.com", Type.A)).isServFail(FailureReason.NO_REACHABLE_SERVER);
    assertThat(lab.get().queriesTo("::1")).isEmpty();
  }

  @Test
  void preferIpv6AsksTheIpv6ServerFirstAndPreferIpv4TheIpv4One() {
    Resolver v6 = lab.resolver(b -> b.ipFamily(IpFamilyPolicy.PREFER_IPV6));
    assertThat(v6.lookup("www.dual.com", Type.A))
        .isNoError()
        .trace()
        .lastExchange()
        .wentTo("ns6.dual.com.");
    Resolver v4 = lab.resolver(b -> b.ipFamily(IpFamilyPolicy.PREFER_IPV4));
    assertThat(v4.lookup("www.dual.com", Type.A))
        .isNoError()
        .trace()
        .lastExchange()
        .wentTo("ns4.dual.com.");
  }
}
