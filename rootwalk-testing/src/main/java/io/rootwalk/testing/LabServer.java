package io.rootwalk.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * One running authoritative server of a {@link DnsLab}. Tests use it to break the server with
 * {@link Fault}s and to learn its address; the lab's network loop feeds it queries.
 *
 * <p>Fault changes are visible to the next query; they may be made from any thread.
 */
public final class LabServer {

  private final ServerSpec spec;
  private final int port;
  private final AuthoritativeAnswerer answerer;
  private final QueryLog log;
  private final WorldView world;
  private volatile List<ActiveFault> faults = List.of();

  LabServer(
      ServerSpec spec, int port, AuthoritativeAnswerer answerer, QueryLog log, WorldView world) {
    this.spec = spec;
    this.world = world;
    this.port = port;
    this.answerer = answerer;
    this.log = log;
  }

  /** The server's host name, such as {@code ns1.example.com.}. */
  public Name name() {
    return spec.name();
  }

  /** The loopback address the server listens on. */
  public InetAddress address() {
    return spec.address();
  }

  /** Address and the lab's shared port, ready for a client. */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(spec.address(), port);
  }

  /** The world's description of this server. */
  public ServerSpec spec() {
    return spec;
  }

  /**
   * Replaces the server's faults with these (none: behave). When several apply to one query, the
   * first replacing fault wins and the modifying ones all apply, as {@link Fault} describes.
   *
   * @return this server, for chaining
   */
  public LabServer fault(Fault... faults) {
    List<ActiveFault> active = new ArrayList<>();
    for (Fault fault : faults) {
      active.add(ActiveFault.of(Objects.requireNonNull(fault, "fault")));
    }
    this.faults = List.copyOf(active);
    return this;
  }

  /** Makes the server behave again. */
  public LabServer clearFaults() {
    this.faults = List.of();
    return this;
  }

  /**
   * Handles one query's bytes: records it, then answers through the installed faults. A message
   * whose header parses but whose body does not gets FORMERR; anything shorter is dropped.
   */
  Reply handle(byte[] wire, Wire protocol) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException | RuntimeException e) {
      return formErr(wire);
    }
    if (query.getHeader().getFlag(Flags.QR)) {
      return Reply
          .NONE; // a response sent to a server: never answer, or two servers could ping-pong
    }
    Record question = query.getQuestion();
    if (question != null) {
      OPTRecord opt = query.getOPT();
      log.record(
          new RecordedQuery(
              spec.address(),
              question.getName(),
              question.getType(),
              protocol,
              opt != null,
              opt == null ? 0 : opt.getPayloadSize(),
              query));
    }
    return FaultedResponder.reply(query, protocol, faults, answerer, world);
  }

  private static Reply formErr(byte[] wire) {
    if (wire.length < Header.LENGTH) {
      return Reply.NONE;
    }
    try {
      Header header = new Header(Arrays.copyOf(wire, Header.LENGTH));
      if (header.getFlag(Flags.QR)) {
        return Reply.NONE;
      }
      Message response = new Message(header.getID());
      response.getHeader().setFlag(Flags.QR);
      response.getHeader().setOpcode(header.getOpcode());
      response.getHeader().setRcode(Rcode.FORMERR);
      return Reply.of(response.toWire());
    } catch (IOException | RuntimeException e) {
      return Reply.NONE;
    }
  }

  @Override
  public String toString() {
    return spec.name() + " " + spec.address().getHostAddress() + " serving " + spec.zones();
  }
}
