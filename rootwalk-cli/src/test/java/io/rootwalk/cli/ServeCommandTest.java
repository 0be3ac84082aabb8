package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.server.AddressPrefix;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When {@code serve} warns that only loopback clients will be served. The warning itself, from a
 * running server, is checked on the shaded jar (see {@link RootwalkJarIT}).
 */
class ServeCommandTest {

  private static final List<AddressPrefix> NONE = List.of();

  @Test
  void aReachableAddressWithoutAllowWarnsInOneLineSayingHowToAllowOthers() {
    for (String host : new String[] {"0.0.0.0", "192.0.2.53", "::", "2001:db8::53"}) {
      InetSocketAddress bound = new InetSocketAddress(host, 5300);

      assertThat(ServeCommand.loopbackOnlyWarning(bound, NONE))
          .as(host)
          .hasValueSatisfying(
              w ->
                  assertThat(w)
                      .startsWith("rootwalk: warning: listening on ")
                      .contains("only loopback clients will be served")
                      .contains("--allow CIDR")
                      .doesNotContain("\n"));
    }
  }

  @Test
  void loopbackOrAnAllowListIsNoSurprise() {
    assertThat(ServeCommand.loopbackOnlyWarning(new InetSocketAddress("127.0.0.1", 53), NONE))
        .isEmpty();
    assertThat(ServeCommand.loopbackOnlyWarning(new InetSocketAddress("::1", 53), NONE)).isEmpty();
    assertThat(
            ServeCommand.loopbackOnlyWarning(
                new InetSocketAddress("0.0.0.0", 53),
                List.of(AddressPrefix.parse("192.168.0.0/16"))))
        .isEmpty();
  }
}
