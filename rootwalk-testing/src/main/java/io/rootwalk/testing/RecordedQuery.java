package io.rootwalk.testing;

import java.net.InetAddress;
import java.util.Objects;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One query a lab server received, as parsed from the wire. Queries that could not be parsed are
 * not recorded (they have no question to record).
 *
 * @param server the address of the lab server that received it
 * @param qname the question name
 * @param qtype the question type (a dnsjava {@link Type} constant)
 * @param protocol UDP or TCP
 * @param edns whether the query carried an OPT record
 * @param ednsPayloadSize the advertised UDP payload size, 0 without EDNS
 * @param message the whole parsed query
 */
public record RecordedQuery(
    InetAddress server,
    Name qname,
    int qtype,
    Wire protocol,
    boolean edns,
    int ednsPayloadSize,
    Message message) {

  public RecordedQuery {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(qname, "qname");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(message, "message");
  }

  /** The question type as a mnemonic, such as {@code "AAAA"}. */
  public String qtypeName() {
    return Type.string(qtype);
  }

  @Override
  public String toString() {
    return qname
        + " "
        + qtypeName()
        + " to "
        + server.getHostAddress()
        + " over "
        + protocol
        + (edns ? " (EDNS " + ednsPayloadSize + ")" : "");
  }
}
