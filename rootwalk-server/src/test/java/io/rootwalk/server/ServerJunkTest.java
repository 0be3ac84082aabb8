package io.rootwalk.server;

import static io.rootwalk.server.RawDns.concat;
import static io.rootwalk.server.RawDns.flags;
import static io.rootwalk.server.RawDns.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/** Junk is cheap: the header decides before any parse. */
@Timeout(60)
class ServerJunkTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    resolver = LabSetup.resolverFor(lab.get()).deadline(Duration.ofSeconds(5)).build();
    server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort());
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  @Test
  void anUnimplementedOpcodeOrAnAnswerInAQueryIsRefusedByItsHeaderWhateverTheBody()
      throws Exception {
    byte[] garbage = new byte[200];
    new Random(5358).nextBytes(garbage); // a body no parser takes: only the header can decide
    byte[] notify = concat(header(0x0101, flags(false, Opcode.NOTIFY, false), 1, 0, 0, 0), garbage);
    byte[] answered = concat(header(0x0102, flags(false, Opcode.QUERY, true), 1, 1, 0, 0), garbage);

    Message notimp = RawDns.udpExchange(server.address(), notify, 3000).orElseThrow();
    Message formerr = RawDns.udpExchange(server.address(), answered, 3000).orElseThrow();

    assertThat(notimp.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(notimp.getHeader().getID()).isEqualTo(0x0101);
    assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(formerr.getHeader().getID()).isEqualTo(0x0102);
    assertThat(lab.get().queryCount()).as("no lookup for junk").isZero();
  }
}
