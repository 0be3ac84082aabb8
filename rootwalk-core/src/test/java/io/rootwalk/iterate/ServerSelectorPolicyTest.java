package io.rootwalk.iterate;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.rootwalk.IpFamilyPolicy;
import io.rootwalk.Provenance;
import io.rootwalk.Question;
import io.rootwalk.ServerAddress;
import io.rootwalk.cache.CachePolicy;
import io.rootwalk.cache.FailureScope;
import io.rootwalk.cache.ResolverCache;
import io.rootwalk.delegation.Delegation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;

/** The upstream address policy and the selector's ordering, without sockets. */
class ServerSelectorPolicyTest {

  /** The question the selector picks a server for; lameness can be held for it alone. */
  private static final Question ASKING = Question.of("www.example.com", org.xbill.DNS.Type.A);

  private final ResolverCache cache =
      new ResolverCache(CachePolicy.DEFAULT, Ticker.systemTicker(), Runnable::run);

  private ServerSelector selector(boolean allowLoopback, boolean useIpv6) {
    return new ServerSelector(
        cache.infra(),
        allowLoopback,
        useIpv6 ? IpFamilyPolicy.ANY : IpFamilyPolicy.IPV4_ONLY,
        new SplittableRandom(1),
        true);
  }

  private static InetAddress ip(String literal) {
    try {
      return Address.getByAddress(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "::",
        "ff02::1"
      })
  void unspecifiedMulticastAndBroadcastAreNeverPermitted(String address) {
    assertThat(selector(true, true).permitted(ip(address))).isFalse();
    assertThat(selector(false, true).permitted(ip(address))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.53.10.1", "::1", "169.254.1.1", "fe80::1"})
  void loopbackAndLinkLocalOnlyWhenAllowed(String address) {
    assertThat(selector(false, true).permitted(ip(address))).isFalse();
    assertThat(selector(true, true).permitted(ip(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "198.51.100.10", "2001:db8::1"})
  void ordinaryUnicastIsPermitted(String address) {
    assertThat(selector(false, true).permitted(ip(address))).isTrue();
  }

  @Test
  void ipv6CanBeDisabled() {
    assertThat(selector(false, false).permitted(ip("2001:db8::1"))).isFalse();
    assertThat(selector(false, false).permitted(ip("192.0.2.1"))).isTrue();
  }

  @Test
  void forbiddenAndTriedAddressesAreSkippedAndLameServersComeLast() {
    Name zone = Name.fromConstantString("example.com.");
    Name ns1 = Name.fromConstantString("ns1.example.com.");
    Name ns2 = Name.fromConstantString("ns2.example.com.");
    Name ns3 = Name.fromConstantString("ns3.example.com.");
    Delegation d =
        new Delegation(
            zone,
            List.of(ns1, ns2, ns3),
            List.of(
                new ServerAddress(ns1, ip("0.0.0.0"), Provenance.IN_DOMAIN_GLUE, false),
                new ServerAddress(ns2, ip("192.0.2.2"), Provenance.IN_DOMAIN_GLUE, false),
                new ServerAddress(ns3, ip("192.0.2.3"), Provenance.IN_DOMAIN_GLUE, false)),
            3600);
    ServerSelector s = selector(false, true);

    assertThat(s.next(d, Set.of(), ASKING).orElseThrow().nameServer()).isEqualTo(ns2);
    assertThat(s.next(d, Set.of(ip("192.0.2.2")), ASKING).orElseThrow().nameServer())
        .isEqualTo(ns3);
    assertThat(s.next(d, Set.of(ip("192.0.2.2"), ip("192.0.2.3")), ASKING)).isEmpty();

    cache.infra().recordLame(ip("192.0.2.2"), zone, new FailureScope.Zone(zone), "REFUSED", false);
    assertThat(s.next(d, Set.of(), ASKING).orElseThrow().nameServer()).isEqualTo(ns3);
    cache.infra().recordRtt(ip("192.0.2.3"), Duration.ofMillis(5));
    assertThat(s.next(d, Set.of(ip("192.0.2.3")), ASKING).orElseThrow().nameServer())
        .as("a lame server is still asked when nothing else is left")
        .isEqualTo(ns2);
  }
}
