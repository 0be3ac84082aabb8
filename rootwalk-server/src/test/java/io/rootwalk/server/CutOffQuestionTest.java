package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.flags;
import static io.rootwalk.server.RawDns.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;

/**
 * Found by {@link QueryPathFuzzTest}: with TC set, dnsjava parses a query whose body is cut short
 * (it forgives truncated sections), so a header counting one question came with none, the handler
 * hit a NullPointerException, logged a warning and sent nothing. Any client could do that at will.
 * RFC 1035 makes it a format error: the client must get FORMERR with its ID.
 */
class CutOffQuestionTest {

  private static final int TC = 0x0200;

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void aTruncatedQueryWhoseQuestionIsMissingOrCutIsFormerrNotSilence() throws Exception {
    byte[][] packets = {
      header(0x4201, flags(false, Opcode.QUERY, true) | TC, 1, 0, 0, 0), // no question at all
      concat(
          header(0x4202, flags(false, Opcode.QUERY, false) | TC, 1, 0, 0, 0),
          new byte[] {3, 'w', 'w'}), // cut inside the name
      concat(
          header(0x4203, flags(false, Opcode.QUERY, true) | TC, 1, 0, 0, 1),
          RawDns.name("www.example.com"),
          new byte[] {0}), // cut inside the type
    };
    try (Resolver resolver = LabSetup.resolverFor(lab.get()).build();
        RecursiveServer server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort())) {
      for (byte[] packet : packets) {
        Message reply =
            RawDns.udpExchange(server.address(), packet, 3000)
                .orElseThrow(() -> new AssertionError("no reply to " + HostileQueries.hex(packet)));

        assertThat(reply.getHeader().getID()).isEqualTo(RawDns.id(packet));
        assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
      }
    }
  }
}
