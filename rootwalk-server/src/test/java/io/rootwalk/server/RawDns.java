package io.rootwalk.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.xbill.DNS.Message;

/** Hand-built DNS packets and raw socket helpers, for what a polite client never sends. */
final class RawDns {

  private RawDns() {}

  /** A 12-byte header: ID, the two flag bytes, and the four section counts. */
  static byte[] header(int id, int flags, int qd, int an, int ns, int ar) {
    return new byte[] {
      (byte) (id >>> 8), (byte) id, (byte) (flags >>> 8), (byte) flags,
      (byte) (qd >>> 8), (byte) qd, (byte) (an >>> 8), (byte) an,
      (byte) (ns >>> 8), (byte) ns, (byte) (ar >>> 8), (byte) ar
    };
  }

  /** Flags for a QUERY with RD set or not. */
  static int flags(boolean qr, int opcode, boolean rd) {
    return (qr ? 0x8000 : 0) | ((opcode & 0xF) << 11) | (rd ? 0x0100 : 0);
  }

  /** An uncompressed name in wire form. */
  static byte[] name(String dotted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String label : dotted.split("\\.")) {
      if (!label.isEmpty()) {
        byte[] b = label.getBytes(StandardCharsets.US_ASCII);
        out.write(b.length);
        out.writeBytes(b);
      }
    }
    out.write(0);
    return out.toByteArray();
  }

  /** A question entry: name, type, class. */
  static byte[] question(String name, int type, int dclass) {
    return concat(name(name), u16(type), u16(dclass));
  }

  /**
   * An OPT pseudo-record owned by the root: payload size, extended rcode, version, flags, no
   * options.
   */
  static byte[] opt(int payload, int version, int flags) {
    return concat(
        new byte[] {0}, u16(41), u16(payload), new byte[] {0, (byte) version}, u16(flags), u16(0));
  }

  static byte[] u16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static int id(byte[] packet) {
    return ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
  }

  static void send(DatagramSocket socket, byte[] packet, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(packet, packet.length, to));
  }

  /** The next datagram, or empty after {@code timeoutMs}. */
  static Optional<byte[]> receive(DatagramSocket socket, int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(packet.getData(), packet.getLength()));
  }

  /** One query over a fresh UDP socket; its reply parsed, or empty after {@code timeoutMs}. */
  static Optional<Message> udpExchange(InetSocketAddress server, byte[] query, int timeoutMs)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, server.getAddress())) {
      send(socket, query, server);
      Optional<byte[]> reply = receive(socket, timeoutMs);
      return reply.isPresent() ? Optional.of(new Message(reply.get())) : Optional.empty();
    }
  }

  static void writeFrame(OutputStream out, byte[] payload) throws IOException {
    out.write(concat(u16(payload.length), payload));
    out.flush();
  }

  /** Reads one length-prefixed DNS message; empty on EOF. */
  static Optional<byte[]> readFrame(InputStream in) throws IOException {
    int hi = in.read();
    int lo = in.read();
    if (hi < 0 || lo < 0) {
      return Optional.empty();
    }
    byte[] body = in.readNBytes((hi << 8) | lo);
    return Optional.of(body);
  }

  /** A connected TCP socket with a read timeout. */
  static Socket tcp(InetSocketAddress server, int timeoutMs) throws IOException {
    Socket socket = new Socket();
    socket.connect(server, timeoutMs);
    socket.setSoTimeout(timeoutMs);
    return socket;
  }

  /**
   * As {@link #tcp}, from a chosen loopback address: all of 127.0.0.0/8 is loopback on Linux, so
   * 127.0.0.1 and 127.0.0.2 are two clients to the server, and 127.0.1.1 is in another /24.
   */
  static Socket tcpFrom(String localAddress, InetSocketAddress server, int timeoutMs)
      throws IOException {
    Socket socket = new Socket();
    try {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(server, timeoutMs);
      socket.setSoTimeout(timeoutMs);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
