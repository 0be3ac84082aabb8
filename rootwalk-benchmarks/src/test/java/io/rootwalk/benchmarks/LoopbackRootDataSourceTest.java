package io.rootwalk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** MiniDNS pointed at the local hierarchy may reach loopback addresses and nothing else. */
class LoopbackRootDataSourceTest {

  private static final InetAddress LOCAL_ROOT = address("127.90.0.1");

  private final LoopbackRootDataSource source = new LoopbackRootDataSource(LOCAL_ROOT);

  @Test
  void queriesForAnIanaRootGoToTheLocalRoot() throws IOException {
    // given a.root-servers.net's IPv4 and IPv6 addresses, as compiled into MiniDNS
    InetAddress aRootV4 = address("198.41.0.4");
    InetAddress aRootV6 = address("2001:503:ba3e::2:30");

    // then both are sent to the local root instead
    assertThat(source.destination(aRootV4)).isEqualTo(LOCAL_ROOT);
    assertThat(source.destination(aRootV6)).isEqualTo(LOCAL_ROOT);
    assertThat(source.refused()).isZero();
  }

  @Test
  void loopbackServersAreAskedWhereTheyAre() throws IOException {
    InetAddress leaf = address("127.90.2.7");

    assertThat(source.destination(leaf)).isEqualTo(leaf);
  }

  @Test
  void anyOtherDestinationIsRefusedBeforeASocketIsOpened() {
    // given a referral that points off the machine
    InetAddress elsewhere = address("192.0.2.53");

    // when MiniDNS would send a query there, then it fails instead
    assertThatThrownBy(() -> source.destination(elsewhere))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside 127.0.0.0/8");
    assertThat(source.refused()).isEqualTo(1);
  }

  @Test
  void theLocalRootMustBeLoopback() {
    assertThatThrownBy(() -> new LoopbackRootDataSource(address("198.41.0.4")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
