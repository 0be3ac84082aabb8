package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import io.rootwalk.testing.World;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Host lookups: A and AAAA together, merged by the address-family policy (RFC 6724 section 10.3,
 * RFC 8305 section 4), with the outcome rules of {@link HostAddresses}.
 *
 * <p>Given the demo world plus hosts.com. (one server, 127.53.40.1) and cdn.net. (127.53.41.1):
 * dual-stack, CNAME-to-cdn.net, IPv4-only, TXT-only and missing names, and two names whose AAAA
 * lookups the hosts.com. server answers with SERVFAIL.
 */
class ResolveHostTest {

  private static final String HOSTS_SERVER = "ns1.hosts.com.";

  /** Names whose AAAA queries the hosts.com. server answers with SERVFAIL. */
  private static final Set<Name> AAAA_SERVFAILS =
      Set.of(name("broken6.hosts.com."), name("txtbroken6.hosts.com."));

  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone(
            "com.",
            """
            hosts.com. 172800 IN NS ns1.hosts.com.
            ns1.hosts.com. 172800 IN A 127.53.40.1
            """)
        .extendZone(
            "net.",
            """
            cdn.net. 172800 IN NS ns1.cdn.net.
            ns1.cdn.net. 172800 IN A 127.53.41.1
            """)
        .zone(
            "hosts.com.",
            """
            $TTL 3600
            @ IN SOA ns1.hosts.com. hostmaster.hosts.com. 1 3600 900 1209600 300
            @ IN NS ns1
            ns1 IN A 127.53.40.1
            ; deliberately not in sorted order: the resolver must keep the answer's order
            dual IN A 192.0.2.12
            dual IN A 192.0.2.10
            dual IN A 192.0.2.11
            dual IN AAAA 2001:db8::12
            dual IN AAAA 2001:db8::10
            www IN CNAME edge.cdn.net.
            v4only IN A 192.0.2.20
            txtonly IN TXT "no addresses here"
            broken6 IN A 192.0.2.30
            broken6 IN AAAA 2001:db8::30
            txtbroken6 IN TXT "no A, and AAAA fails"
            """)
        .zone(
            "cdn.net.",
            """
            $TTL 3600
            @ IN SOA ns1.cdn.net. hostmaster.cdn.net. 1 3600 900 1209600 300
            @ IN NS ns1
            ns1 IN A 127.53.41.1
            edge IN A 198.51.100.7
            edge IN AAAA 2001:db8:cd::7
            """)
        .server(HOSTS_SERVER, "127.53.40.1", "hosts.com.")
        .server("ns1.cdn.net.", "127.53.41.1", "cdn.net.")
        .build();
  }

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(ResolveHostTest::world);

  /** Given a hosts.com. server whose zone fails to load for AAAA of some names. */
  private void givenAaaaServfails() {
    lab.server(HOSTS_SERVER).fault(Fault.mutate(ResolveHostTest::servFailSomeAaaa));
  }

  private static Message servFailSomeAaaa(Message response) {
    Record q = response.getQuestion();
    if (q != null && q.getType() == Type.AAAA && AAAA_SERVFAILS.contains(q.getName())) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      response.removeAllRecords(Section.ANSWER);
      response.removeAllRecords(Section.AUTHORITY);
    }
    return response;
  }

  @Test
  void byDefaultTheFamiliesInterleaveIpv6FirstAndKeepTheAnswerOrder() {
    HostAddresses host = lab.resolver().resolveHost("dual.hosts.com");

    assertThat(host.status()).isEqualTo(Status.NOERROR);
    assertThat(host.hasAddresses()).isTrue();
    assertThat(host.canonicalName()).isEqualTo(name("dual.hosts.com."));
    assertThat(texts(host))
        .containsExactly(
            "2001:db8:0:0:0:0:0:12",
            "192.0.2.12",
            "2001:db8:0:0:0:0:0:10",
            "192.0.2.10",
            "192.0.2.11");
    assertThat(host.failure()).isEmpty();
    assertThat(host.ipv4().orElseThrow()).isNoError();
    assertThat(host.ipv6().orElseThrow()).isNoError();
  }

  @Test
  void preferIpv6PutsEveryIpv6AddressFirst() {
    Resolver r = lab.resolver(b -> b.ipFamily(IpFamilyPolicy.PREFER_IPV6));

    assertThat(texts(r.resolveHost("dual.hosts.com")))
        .containsExactly(
            "2001:db8:0:0:0:0:0:12",
            "2001:db8:0:0:0:0:0:10",
            "192.0.2.12",
            "192.0.2.10",
            "192.0.2.11");
  }

  @Test
  void preferIpv4PutsEveryIpv4AddressFirst() {
    Resolver r = lab.resolver(b -> b.ipFamily(IpFamilyPolicy.PREFER_IPV4));

    assertThat(texts(r.resolveHost("dual.hosts.com")))
        .containsExactly(
            "192.0.2.12",
            "192.0.2.10",
            "192.0.2.11",
            "2001:db8:0:0:0:0:0:12",
            "2001:db8:0:0:0:0:0:10");
  }

  @Test
  void ipv4OnlyNeverAsksForAaaa() {
    Resolver r = lab.resolver(b -> b.ipFamily(IpFamilyPolicy.IPV4_ONLY));

    HostAddresses host = r.resolveHost("dual.hosts.com");

    assertThat(texts(host)).containsExactly("192.0.2.12", "192.0.2.10", "192.0.2.11");
    assertThat(host.ipv6()).isEmpty();
    assertThat(lab.get().queries()).extracting(RecordedQuery::qtype).doesNotContain(Type.AAAA);
    assertThat(lab.get().queriesTo(HOSTS_SERVER))
        .extracting(RecordedQuery::toString)
        .anyMatch(q -> q.startsWith("dual.hosts.com. A "));
  }

  @Test
  void aCnameIntoAnotherZoneIsFollowedForBothTypesAndNamesTheCanonicalHost() {
    HostAddresses host = lab.resolver().resolveHost("www.hosts.com");

    assertThat(host.status()).isEqualTo(Status.NOERROR);
    assertThat(host.name()).isEqualTo(name("www.hosts.com."));
    assertThat(host.canonicalName()).isEqualTo(name("edge.cdn.net."));
    assertThat(texts(host)).containsExactly("2001:db8:cd:0:0:0:0:7", "198.51.100.7");
    assertThat(host.ipv4().orElseThrow())
        .hasAnswers("www.hosts.com. CNAME edge.cdn.net.", "edge.cdn.net. A 198.51.100.7");
    assertThat(host.ipv6().orElseThrow().answers().get(0).getType()).isEqualTo(Type.CNAME);
  }

  @Test
  void aNameWithOnlyIpv4AddressesIsNoErrorAndItsAaaaLookupNoData() {
    HostAddresses host = lab.resolver().resolveHost("v4only.hosts.com");

    assertThat(host.status()).isEqualTo(Status.NOERROR);
    assertThat(texts(host)).containsExactly("192.0.2.20");
    assertThat(host.ipv6().orElseThrow()).isNoData();
  }

  @Test
  void aMissingNameIsNxDomain() {
    HostAddresses host = lab.resolver().resolveHost("missing.hosts.com");

    assertThat(host.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(host.hasAddresses()).isFalse();
    assertThat(host.addresses()).isEmpty();
    assertThat(host.failure()).isEmpty();
    assertThat(host.ipv4().orElseThrow()).isNxDomain();
    assertThat(host.ipv6().orElseThrow()).isNxDomain();
  }

  @Test
  void aNameWithNeitherTypeIsNoData() {
    HostAddresses host = lab.resolver().resolveHost("txtonly.hosts.com");

    assertThat(host.status()).isEqualTo(Status.NODATA);
    assertThat(host.addresses()).isEmpty();
    assertThat(host.canonicalName()).isEqualTo(name("txtonly.hosts.com."));
  }

  @Test
  void aFailedAaaaLookupDoesNotHideTheIpv4Addresses() {
    givenAaaaServfails();

    HostAddresses host = lab.resolver().resolveHost("broken6.hosts.com");

    assertThat(host.status()).isEqualTo(Status.NOERROR);
    assertThat(texts(host)).containsExactly("192.0.2.30");
    assertThat(host.failure()).isEmpty();
    assertThat(host.ipv6().orElseThrow()).isServFail(FailureReason.ALL_SERVERS_LAME);
  }

  @Test
  void aFailedAaaaLookupAndNoIpv4AddressIsServFailWithThatFailure() {
    givenAaaaServfails();

    HostAddresses host = lab.resolver().resolveHost("txtbroken6.hosts.com");

    assertThat(host.status()).isEqualTo(Status.SERVFAIL);
    assertThat(host.ipv4().orElseThrow()).isNoData();
    assertThat(host.failure()).isEqualTo(host.ipv6().orElseThrow().failure()).isPresent();
  }

  @Test
  void whenBothLookupsFailTheIpv6OneSpeaksUnderTheDefaultPolicy() {
    HostAddresses host = lab.resolver().resolveHost("www.dead.com"); // both servers REFUSE

    assertThat(host.status()).isEqualTo(Status.SERVFAIL);
    assertThat(host.ipv4().orElseThrow().status()).isEqualTo(Status.SERVFAIL);
    assertThat(host.failure()).isEqualTo(host.ipv6().orElseThrow().failure());
  }

  @Test
  void asyncCompletesWithTheSameAndARepeatIsAnsweredFromTheCache() {
    Resolver r = lab.resolver();
    HostAddresses first = r.resolveHostAsync("dual.hosts.com").join();
    int sent = lab.get().queryCount();

    CompletableFuture<HostAddresses> again =
        r.resolveHostAsync(name("dual.hosts.com."), LookupOptions.defaults());

    assertThat(again).isDone(); // both lookups were cache hits: completed on the calling thread
    assertThat(again.join().addresses()).isEqualTo(first.addresses());
    assertThat(again.join().ipv4().orElseThrow().trace().upstreamQueries()).isZero();
    assertThat(lab.get().queryCount()).isEqualTo(sent);
  }

  @Test
  void malformedNamesAreRejectedBeforeAnyPacket() {
    Resolver r = lab.resolver();

    assertThatThrownBy(() -> r.resolveHost("www..hosts.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty label");
    assertThatThrownBy(() -> r.resolveHostAsync("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> r.resolveHost(Name.fromConstantString("relative"), LookupOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void aClosedResolverRefusesHostLookups() {
    Resolver r = lab.resolver();
    r.close();

    assertThatThrownBy(() -> r.resolveHost("dual.hosts.com"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("resolver is closed");
    assertThat(lab.get().queryCount()).isZero();
  }

  /**
   * IPv6 only, over a lab whose one server listens on ::1 and serves both the root and lab6.: the
   * resolver can walk it without IPv4, and must not ask for A records.
   */
  @Nested
  class Ipv6Only {

    private static World world() {
      return World.builder()
          .zone(
              ".",
              """
              $TTL 86400
              @ IN SOA ns.lab6. hostmaster.lab6. 1 1800 900 604800 86400
              @ IN NS ns.lab6.
              lab6. IN NS ns.lab6.
              ns.lab6. IN AAAA ::1
              """)
          .zone(
              "lab6.",
              """
              $TTL 3600
              @ IN SOA ns.lab6. hostmaster.lab6. 1 3600 900 1209600 300
              @ IN NS ns
              ns IN AAAA ::1
              dual IN A 192.0.2.40
              dual IN AAAA 2001:db8::41
              dual IN AAAA 2001:db8::40
              """)
          .server("ns.lab6.", "::1", ".", "lab6.")
          .build();
    }

    @RegisterExtension
    final LabResolvers lab6 =
        LabResolvers.walking(Ipv6Only::world).configured(b -> b.ipFamily(IpFamilyPolicy.IPV6_ONLY));

    @Test
    void ipv6OnlyNeverAsksForA() {
      HostAddresses host = lab6.resolver().resolveHost("dual.lab6");

      assertThat(texts(host)).containsExactly("2001:db8:0:0:0:0:0:41", "2001:db8:0:0:0:0:0:40");
      assertThat(host.ipv4()).isEmpty();
      // Changed on purpose (issue 17, QNAME minimisation on by default): the minimised probes of
      // the zones above ask type A for those zones' names (RFC 9156 section 2.1); the host itself
      // is never asked for A.
      assertThat(lab6.get().queries())
          .filteredOn(q -> q.qname().equals(name("dual.lab6.")))
          .extracting(RecordedQuery::qtype)
          .isNotEmpty()
          .doesNotContain(Type.A);
    }
  }

  private static List<String> texts(HostAddresses host) {
    return host.addresses().stream().map(InetAddress::getHostAddress).toList();
  }

  private static Name name(String text) {
    return Name.fromConstantString(text);
  }
}
