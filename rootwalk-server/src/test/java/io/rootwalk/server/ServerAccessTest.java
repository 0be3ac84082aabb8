package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Who is served: loopback clients by default, exactly the allow list's otherwise; any other client
 * gets REFUSED with extended error 18 (Prohibited) over UDP and TCP, and no lookup is made for it.
 * A client is made "other" by an allow list that leaves out 127.0.0.1.
 */
@Timeout(30)
class ServerAccessTest {

  private static final AllowList TEN_ONLY = AllowList.of(AddressPrefix.parse("10.0.0.0/8"));

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver;
  private final List<RecursiveServer> servers = new ArrayList<>();

  @BeforeEach
  void resolver() {
    resolver = LabSetup.resolverFor(lab.get()).deadline(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    servers.forEach(RecursiveServer::close);
    resolver.close();
  }

  private RecursiveServer serve(InetSocketAddress listen, AllowList allowList) {
    RecursiveServer server = RecursiveServer.start(resolver, listen, allowList);
    servers.add(server);
    return server;
  }

  private static SimpleResolver stub(RecursiveServer server, boolean tcp) {
    SimpleResolver stub = new SimpleResolver(server.address());
    stub.setTimeout(Duration.ofSeconds(5));
    stub.setTCP(tcp);
    return stub;
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
  }

  @Test
  void aClientOffTheAllowListIsRefusedProhibitedOverUdpAndTcpWithoutALookup() throws Exception {
    RecursiveServer server = serve(LabSetup.anyLoopbackPort(), TEN_ONLY);
    int upstreamBefore = lab.get().queryCount();

    for (boolean tcp : new boolean[] {false, true}) {
      SimpleResolver stub = stub(server, tcp);
      stub.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
      Message refused = stub.send(query("www.example.com", Type.A));

      String over = tcp ? "TCP" : "UDP";
      assertThat(refused.getRcode()).as(over).isEqualTo(Rcode.REFUSED);
      assertThat(refused.getHeader().getFlag(Flags.RA))
          .as("no recursion for this client")
          .isFalse();
      assertThat(refused.getHeader().getFlag(Flags.RD)).isTrue();
      assertThat(refused.getQuestion().getName()).hasToString("www.example.com.");
      assertThat(refused.getSection(Section.ANSWER)).isEmpty();
      assertThat(extendedError(refused)).as(over).isEqualTo(ExtendedErrorCodeOption.PROHIBITED);
      assertThat(refused.getOPT().getFlags() & ExtendedFlags.DO).as("DO echoed").isNotZero();
    }
    assertThat(lab.get().queryCount())
        .as("no lookup for a refused client")
        .isEqualTo(upstreamBefore);
  }

  @Test
  void theRefusalIsAsSmallAsTheQueryAndCarriesAnOptOnlyForEdns() throws Exception {
    RecursiveServer server = serve(LabSetup.anyLoopbackPort(), TEN_ONLY);
    byte[] plain = query("www.example.com", Type.A).toWire();
    Message withOpt = query("www.example.com", Type.A);
    withOpt.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    byte[] edns = withOpt.toWire();

    byte[] plainReply = udp(server, plain);
    byte[] ednsReply = udp(server, edns);

    Message noOpt = new Message(plainReply);
    assertThat(noOpt.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(noOpt.getOPT()).as("EDE only goes in an OPT, RFC 8914 section 3").isNull();
    assertThat(plainReply.length).as("nothing to amplify").isEqualTo(plain.length);
    // The query's OPT is replaced by ours with the 6-byte EDE option: the only growth there is.
    assertThat(ednsReply.length).isEqualTo(edns.length + 6);
    assertThat(extendedError(new Message(ednsReply))).isEqualTo(ExtendedErrorCodeOption.PROHIBITED);
  }

  @Test
  void aRefusedTcpClientIsAnsweredPerQueryAndKeepsItsConnection() throws Exception {
    RecursiveServer server = serve(LabSetup.anyLoopbackPort(), TEN_ONLY);
    try (Socket socket = RawDns.tcp(server.address(), 5000)) {
      for (int id = 1; id <= 3; id++) {
        Message q = query("mail.example.com", Type.A);
        q.getHeader().setID(id);
        RawDns.writeFrame(socket.getOutputStream(), q.toWire());
      }
      List<Integer> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Message reply = new Message(RawDns.readFrame(socket.getInputStream()).orElseThrow());
        assertThat(reply.getRcode()).isEqualTo(Rcode.REFUSED);
        ids.add(reply.getHeader().getID());
      }
      // In the order they complete, not necessarily the one sent (RFC 7766 section 7).
      assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
    }
  }

  @Test
  void aResponseOrAPacketShorterThanAHeaderFromARefusedClientGetsNothing() throws Exception {
    RecursiveServer server = serve(LabSetup.anyLoopbackPort(), TEN_ONLY);
    byte[] q = RawDns.question("www.example.com", Type.A, DClass.IN);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      RawDns.send(
          socket,
          RawDns.concat(RawDns.header(1, RawDns.flags(true, Opcode.QUERY, true), 1, 0, 0, 0), q),
          server.address());
      RawDns.send(socket, new byte[5], server.address());
      RawDns.send(
          socket,
          RawDns.concat(RawDns.header(3, RawDns.flags(false, Opcode.QUERY, true), 1, 0, 0, 0), q),
          server.address());

      byte[] only = RawDns.receive(socket, 3000).orElseThrow();
      assertThat(RawDns.id(only)).as("only the query is answered").isEqualTo(3);
      assertThat(RawDns.receive(socket, 200)).isEmpty();
    }
  }

  @Test
  void anAllowListNamingTheClientServesItAndLoopbackIsNotImplied() throws Exception {
    RecursiveServer host = serve(LabSetup.anyLoopbackPort(), AllowList.of(prefix("127.0.0.1")));
    RecursiveServer other = serve(LabSetup.anyLoopbackPort(), AllowList.of(prefix("127.0.0.2")));

    for (boolean tcp : new boolean[] {false, true}) {
      Message served = stub(host, tcp).send(query("www.example.com", Type.A));
      assertThat(served.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(served.getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly("93.184.216.34");
      assertThat(stub(other, tcp).send(query("www.example.com", Type.A)).getRcode())
          .as("127.0.0.1 is loopback, but not on this list")
          .isEqualTo(Rcode.REFUSED);
    }
  }

  @Test
  void theDefaultServesLoopbackClients() throws Exception {
    RecursiveServer server = RecursiveServer.start(resolver, LabSetup.anyLoopbackPort());
    servers.add(server);

    assertThat(stub(server, false).send(query("www.example.com", Type.A)).getRcode())
        .isEqualTo(Rcode.NOERROR);
    assertThat(stub(server, true).send(query("mail.example.com", Type.A)).getRcode())
        .isEqualTo(Rcode.NOERROR);
  }

  @Test
  void ipv6LoopbackIsServedByDefaultAndRefusedByAnIpv4OnlyList() throws Exception {
    InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
    RecursiveServer byDefault = startOrSkip(v6, AllowList.loopback());
    RecursiveServer v4Only = startOrSkip(v6, AllowList.of(prefix("127.0.0.0/8")));

    for (boolean tcp : new boolean[] {false, true}) {
      assertThat(stub(byDefault, tcp).send(query("www.example.com", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);
      assertThat(stub(v4Only, tcp).send(query("www.example.com", Type.A)).getRcode())
          .isEqualTo(Rcode.REFUSED);
    }
  }

  /**
   * On a dual-stack socket an IPv4 client arrives as {@code ::ffff:127.0.0.1}; it is loopback all
   * the same. (The wildcard address is bound for this test only, with the default list: anyone else
   * on the network would be refused.)
   */
  @Test
  void anIpv4LoopbackClientOfADualStackSocketIsServedByDefault() throws Exception {
    RecursiveServer server =
        startOrSkip(new InetSocketAddress(InetAddress.getByName("::"), 0), AllowList.loopback());
    InetSocketAddress viaV4 =
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.address().getPort());

    for (boolean tcp : new boolean[] {false, true}) {
      SimpleResolver stub = new SimpleResolver(viaV4);
      stub.setTimeout(Duration.ofSeconds(5));
      stub.setTCP(tcp);
      assertThat(stub.send(query("www.example.com", Type.A)).getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  private RecursiveServer startOrSkip(InetSocketAddress listen, AllowList allowList) {
    RecursiveServer server = null;
    try {
      server = serve(listen, allowList);
    } catch (UncheckedIOException e) {
      // no IPv6 on this host
    }
    assumeThat(server).as("IPv6 available for " + listen).isNotNull();
    return server;
  }

  private static AddressPrefix prefix(String text) {
    return AddressPrefix.parse(text);
  }

  private static byte[] udp(RecursiveServer server, byte[] query) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      RawDns.send(socket, query, server.address());
      return RawDns.receive(socket, 5000).orElseThrow();
    }
  }

  private static @Nullable Integer extendedError(Message m) {
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return null;
    }
    for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
      return ((ExtendedErrorCodeOption) option).getErrorCode();
    }
    return null;
  }
}
