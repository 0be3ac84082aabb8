package io.rootwalk.hardening;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What the liars of one scenario planted, by record (owner, type and rdata, any case, any TTL): the
 * record is attributed to the server that made it up. Only marked records are kept, so no true
 * record of the world can be mistaken for a plant; records the resolver derives from a plant (a
 * CNAME it synthesises from a planted DNAME, say) are not plants themselves.
 */
final class Plants {
  private final Map<String, Integer> byRecord = new ConcurrentHashMap<>();

  void add(Record record, int server) {
    byRecord.put(key(record.getName(), record.getType(), record.rdataToString()), server);
  }

  /** The server that planted {@code record}, if one did. */
  OptionalInt of(Record record) {
    return of(key(record.getName(), record.getType(), record.rdataToString()));
  }

  /** The server that planted {@code zone NS nameServer}, if one did. */
  OptionalInt ofNs(Name zone, Name nameServer) {
    return of(key(zone, Type.NS, nameServer.toString()));
  }

  /** The server that planted {@code owner A address}, if one did. */
  OptionalInt ofAddress(Name owner, InetAddress address) {
    return of(key(owner, Type.A, address.getHostAddress()));
  }

  private OptionalInt of(String key) {
    Integer server = byRecord.get(key);
    return server == null ? OptionalInt.empty() : OptionalInt.of(server);
  }

  private static String key(Name owner, int type, String rdata) {
    return (owner + " " + Type.string(type) + " " + rdata).toLowerCase(Locale.ROOT);
  }
}
