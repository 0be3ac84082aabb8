package io.rootwalk.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * A tiny stub client for the fixture's own tests: dnsjava's SimpleResolver and a raw UDP socket.
 */
final class Dig {

  private Dig() {}

  static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
  }

  static Message ednsQuery(String name, int type, int payload) {
    Message query = query(name, type);
    query.addRecord(new OPTRecord(payload, 0, 0), Section.ADDITIONAL);
    return query;
  }

  /** Sends over UDP without EDNS and returns the response as is, TC included. */
  static Message udp(InetSocketAddress server, String name, int type) {
    return send(server, query(name, type), false, Duration.ofSeconds(2));
  }

  static Message tcp(InetSocketAddress server, String name, int type) {
    return send(server, query(name, type), true, Duration.ofSeconds(2));
  }

  static Message send(InetSocketAddress server, Message query, boolean tcp, Duration timeout) {
    assertLoopback(server);
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTCP(tcp);
    resolver.setIgnoreTruncation(true);
    resolver.setEDNS(-1, 0, 0, List.of()); // the query carries its own OPT when a test wants one
    resolver.setTimeout(timeout);
    try {
      return resolver.send(query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends one query over TCP with a socket of its own and reads one length-prefixed response.
   * Needed for AXFR and IXFR, which dnsjava's SimpleResolver hands to its zone-transfer client
   * instead of returning the server's message.
   */
  static Message tcpMessage(InetSocketAddress server, Message query) {
    assertLoopback(server);
    try (Socket socket = new Socket()) {
      socket.connect(server, 2000);
      socket.setSoTimeout(2000);
      byte[] wire = query.toWire();
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] response = new byte[in.readUnsignedShort()];
      in.readFully(response);
      return new Message(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends raw bytes over UDP and collects up to {@code max} datagrams until a short silence. */
  static List<byte[]> rawUdp(InetSocketAddress server, byte[] query, int max, Duration silence) {
    assertLoopback(server);
    List<byte[]> received = new ArrayList<>();
    try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout((int) silence.toMillis());
      socket.send(new DatagramPacket(query, query.length, server));
      while (received.size() < max) {
        DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          break;
        }
        received.add(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return received;
  }

  private static void assertLoopback(InetSocketAddress server) {
    if (!server.getAddress().isLoopbackAddress()) {
      throw new AssertionError("fixture tests only talk to loopback, not " + server);
    }
  }
}
