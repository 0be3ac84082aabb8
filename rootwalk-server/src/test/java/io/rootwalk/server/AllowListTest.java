package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CIDR prefixes as {@code --allow} takes them, and which clients an allow list lets in. */
class AllowListTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal); // literals only: no lookup
  }

  /** {@code ::ffff:a.b.c.d} as an Inet6Address, the way a raw mapped address could arrive. */
  private static InetAddress mapped(String v4) throws UnknownHostException {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(ip(v4).getAddress(), 0, b, 12, 4);
    return Inet6Address.getByAddress(null, b, -1);
  }

  @Test
  void prefixesParseForBothFamiliesAndABareAddressIsTheHostAlone() throws Exception {
    assertThat(AddressPrefix.parse("10.0.0.0/8")).isEqualTo(new AddressPrefix(ip("10.0.0.0"), 8));
    assertThat(AddressPrefix.parse("192.0.2.1")).hasToString("192.0.2.1/32");
    assertThat(AddressPrefix.parse("2001:db8::/32")).hasToString("2001:db8::/32");
    assertThat(AddressPrefix.parse("::1")).hasToString("::1/128");
    assertThat(AddressPrefix.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    assertThat(AddressPrefix.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
  }

  @Test
  void anIpv4MappedPrefixIsTheIpv4PrefixItMaps() throws Exception {
    AddressPrefix prefix = AddressPrefix.parse("::ffff:10.0.0.0/104");

    assertThat(prefix).isEqualTo(AddressPrefix.parse("10.0.0.0/8"));
    assertThat(prefix.network()).isInstanceOf(Inet4Address.class);
  }

  @Test
  void malformedPrefixesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> AddressPrefix.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the prefix length must be 0..32 for IPv4 but was 33");
    assertThatThrownBy(() -> AddressPrefix.parse("2001:db8::/129"))
        .hasMessage("the prefix length must be 0..128 for IPv6 but was 129");
    assertThatThrownBy(() -> AddressPrefix.parse("10.0.0/8"))
        .hasMessage("'10.0.0' is not an IPv4 or IPv6 address literal");
    assertThatThrownBy(() -> AddressPrefix.parse("localhost"))
        .hasMessageContaining("not an IPv4 or IPv6 address literal");
    for (String length : new String[] {"", "-1", "+8", "8 ", "0x8", "0008"}) {
      assertThatThrownBy(() -> AddressPrefix.parse("10.0.0.0/" + length))
          .as(length)
          .hasMessageContaining("must be a number");
    }
    assertThatThrownBy(() -> AddressPrefix.parse("10.0.0.0/8/8"))
        .hasMessageContaining("must be a number");
    assertThatThrownBy(() -> AddressPrefix.parse("::ffff:10.0.0.0/80"))
        .hasMessageContaining("IPv4-mapped");
  }

  @Test
  void hostBitsBeyondTheLengthAreRejectedNamingBothReadings() {
    assertThatThrownBy(() -> AddressPrefix.parse("192.168.1.10/24"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "192.168.1.10/24 has host bits set: the network is 192.168.1.0/24,"
                + " the host alone 192.168.1.10/32");
    assertThatThrownBy(() -> AddressPrefix.parse("2001:db8::1/64"))
        .hasMessageContaining("the network is 2001:db8::/64");
  }

  @Test
  void containsComparesOnlyTheLeadingBits() throws Exception {
    AddressPrefix twelve = AddressPrefix.parse("172.16.0.0/12");

    assertThat(twelve.contains(ip("172.16.0.1"))).isTrue();
    assertThat(twelve.contains(ip("172.31.255.255"))).isTrue();
    assertThat(twelve.contains(ip("172.32.0.0"))).isFalse();
    assertThat(twelve.contains(ip("172.15.255.255"))).isFalse();
    assertThat(twelve.contains(ip("::ffff:172.16.0.1"))).isTrue();
    assertThat(twelve.contains(ip("2001:db8::1"))).as("another family").isFalse();
  }

  @Test
  void theDefaultListIsLoopbackOfBothFamiliesMappedLoopbackIncluded() throws Exception {
    AllowList loopback = AllowList.loopback();

    assertThat(loopback.prefixes()).hasToString("[127.0.0.0/8, ::1/128]");
    assertThat(loopback.allows(ip("127.0.0.1"))).isTrue();
    assertThat(loopback.allows(ip("127.53.1.2"))).isTrue();
    assertThat(loopback.allows(ip("::1"))).isTrue();
    assertThat(loopback.allows(mapped("127.0.0.1"))).isTrue();
    assertThat(loopback.allows(ip("10.0.0.1"))).isFalse();
    assertThat(loopback.allows(ip("0.0.0.0"))).isFalse();
    assertThat(loopback.allows(ip("::2"))).isFalse();
    assertThat(loopback.allows(mapped("10.0.0.1"))).isFalse();
  }

  @Test
  void aListAllowsExactlyItsPrefixes() throws Exception {
    AllowList list =
        AllowList.of(AddressPrefix.parse("192.168.0.0/16"), AddressPrefix.parse("2001:db8::/32"));

    assertThat(list.allows(ip("192.168.44.2"))).isTrue();
    assertThat(list.allows(mapped("192.168.44.2"))).isTrue();
    assertThat(list.allows(ip("2001:db8:1::53"))).isTrue();
    assertThat(list.allows(ip("127.0.0.1"))).as("loopback is not implied").isFalse();
    assertThat(list.allows(ip("::1"))).isFalse();
    assertThat(list.allows(new InetSocketAddress(ip("192.168.1.1"), 53))).isTrue();
    assertThat(list.allows((InetSocketAddress) null)).as("an unknown peer").isFalse();
    assertThat(list).isEqualTo(AllowList.of(List.copyOf(list.prefixes())));
  }

  @Test
  void anEmptyListIsAMistake() {
    assertThatThrownBy(() -> AllowList.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one prefix");
  }
}
