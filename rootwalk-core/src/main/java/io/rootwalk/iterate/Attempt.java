package io.rootwalk.iterate;

import io.rootwalk.ServerAddress;
import io.rootwalk.spi.Protocol;
import org.xbill.DNS.Name;

/**
 * One query about to go, or gone, to one server address.
 *
 * @param minimised whether this is a QNAME-minimised probe (RFC 9156) rather than the real question
 */
record Attempt(
    Name zone,
    ServerAddress server,
    Name qname,
    int qtype,
    Protocol protocol,
    boolean edns,
    boolean minimised) {

  /** The same question to the same server over TCP, after a truncated UDP answer (RFC 7766). */
  Attempt overTcp() {
    return new Attempt(zone, server, qname, qtype, Protocol.TCP, edns, minimised);
  }

  /** The same question without EDNS, after the server rejected it (RFC 6891 section 7). */
  Attempt withoutEdns() {
    return new Attempt(zone, server, qname, qtype, protocol, false, minimised);
  }
}
