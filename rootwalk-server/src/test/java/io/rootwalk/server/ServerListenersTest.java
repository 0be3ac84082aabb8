package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Several UDP listeners on one address: each on a socket of its own with {@code SO_REUSEPORT} where
 * the system has it, all on one socket where it does not.
 */
@Timeout(30)
class ServerListenersTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private RecursiveServer server;

  @BeforeEach
  void start() {
    resolver = LabSetup.resolverFor(lab.get()).build();
    server =
        RecursiveServer.start(
            resolver,
            LabSetup.anyLoopbackPort(),
            ServeOptions.of(ServerLimits.DEFAULT).withUdpListeners(4));
  }

  @AfterEach
  void stop() {
    server.close();
    resolver.close();
  }

  private static Message query(String name, int id) throws Exception {
    Message q =
        Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
    q.getHeader().setID(id);
    return q;
  }

  private static boolean reusePortSupported() throws Exception {
    try (DatagramChannel probe = DatagramChannel.open()) {
      return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
    }
  }

  @Test
  void onPortZeroEveryListenerJoinsThePortTheFirstSocketGot() throws Exception {
    assertThat(server.udpListeners()).isEqualTo(4);
    assertThat(server.udpSockets()).isEqualTo(reusePortSupported() ? 4 : 1);
    assertThat(server.address().getPort()).isPositive();
  }

  @Test
  void clientsOnManySourcePortsAreAllAnsweredWhicheverSocketTheKernelPicks() throws Exception {
    List<DatagramSocket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        DatagramSocket client = new DatagramSocket(0, server.address().getAddress());
        clients.add(client);
        RawDns.send(client, query("www.example.com", i).toWire(), server.address());
      }
      for (int i = 0; i < clients.size(); i++) {
        Optional<byte[]> reply = RawDns.receive(clients.get(i), 5000);
        assertThat(reply).as("client %d", i).isPresent();
        Message m = new Message(reply.get());
        assertThat(m.getHeader().getID()).isEqualTo(i);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      }
    } finally {
      clients.forEach(DatagramSocket::close);
    }
  }

  @Test
  void tcpSharesThePortAndClosingFreesItForEveryListener() throws Exception {
    SimpleResolver tcp = new SimpleResolver(server.address());
    tcp.setTCP(true);
    assertThat(tcp.send(query("mail.example.com", 1)).getSection(Section.ANSWER)).isNotEmpty();

    InetSocketAddress address = server.address();
    server.close();
    try (RecursiveServer again =
        RecursiveServer.start(
            resolver, address, ServeOptions.of(ServerLimits.DEFAULT).withUdpListeners(4))) {
      assertThat(again.address()).isEqualTo(address);
      assertThat(again.udpSockets()).isEqualTo(reusePortSupported() ? 4 : 1);
    }
  }
}
