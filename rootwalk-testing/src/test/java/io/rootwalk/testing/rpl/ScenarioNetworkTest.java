package io.rootwalk.testing.rpl;

import static io.rootwalk.testing.rpl.ScenarioParserTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.ScriptedQuery;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A scenario's servers over real loopback sockets, and its hints file. */
class ScenarioNetworkTest {

  @Test
  void servesTheRangesOnTheirLabAddressesAndWritesTheHints() throws Exception {
    Path hints;
    try (ScenarioNetwork network = Scenario.parse(ScenarioParserTest.SMALL, "small.rpl").start()) {
      hints = network.rootHintsFile();
      network.step(1);

      Message nxdomain = ask(network, "127.77.0.3", "nope.com.");
      Message unmatched = ask(network, "127.77.0.2", "example.org.");

      assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
      assertThat(nxdomain.getOPT()).as("the query had EDNS").isNotNull();
      assertThat(unmatched.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(Files.readString(hints)).contains("127.77.0.1");
      assertThat(network.queries())
          .extracting(ScriptedQuery::server, ScriptedQuery::step, ScriptedQuery::matched)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ip("127.77.0.3"), 1, true),
              org.assertj.core.groups.Tuple.tuple(ip("127.77.0.2"), 1, false));
    }
    assertThat(hints).doesNotExist();
  }

  private static Message ask(ScenarioNetwork network, String address, String name)
      throws Exception {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(ip(address), network.port()));
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.A, DClass.IN)));
  }
}
