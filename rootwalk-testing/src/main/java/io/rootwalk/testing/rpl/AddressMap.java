package io.rootwalk.testing.rpl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Where each server of a scenario really listens: every address that names a scenario server (a
 * RANGE's ADDRESS lines, the CONFIG's stub-addr) gets its own {@code 127.77.x.y}, in order of first
 * appearance from {@code 127.77.0.1} on ({@code .1} to {@code .254} in each {@code x}). The other
 * labs use {@code 127.53/16} and {@code 127.60/16}, so the two never meet.
 *
 * <p>IPv6 server addresses get a {@code 127.77.x.y} too, as only IPv4 loopback has room for more
 * than one address. In a reply, an A record for a server address becomes an A record for its lab
 * address, and an AAAA record for a server address an AAAA record for the IPv4-mapped lab address
 * {@code ::ffff:127.77.x.y}, which Java (and so the resolver) reads as the IPv4 address itself: A
 * and AAAA glue alike lead to the same lab server. Every other address is left as it is.
 */
public final class AddressMap {

  /** The first two bytes of every lab address. */
  private static final byte[] PREFIX = {127, 77};

  private static final int PER_BLOCK = 254;

  private final Map<InetAddress, InetAddress> toLab;
  private final Map<InetAddress, InetAddress> toScenario;

  private AddressMap(Map<InetAddress, InetAddress> toLab, Map<InetAddress, InetAddress> back) {
    this.toLab = Collections.unmodifiableMap(toLab);
    this.toScenario = Collections.unmodifiableMap(back);
  }

  /** Gives each address, in order, the next lab address; repeats keep their first one. */
  static AddressMap of(List<InetAddress> serverAddresses) {
    Map<InetAddress, InetAddress> toLab = new LinkedHashMap<>();
    Map<InetAddress, InetAddress> back = new LinkedHashMap<>();
    for (InetAddress address : serverAddresses) {
      if (!toLab.containsKey(address)) {
        InetAddress lab = labAddress(toLab.size());
        toLab.put(address, lab);
        back.put(lab, address);
      }
    }
    return new AddressMap(toLab, back);
  }

  /** Whether this address lies in the range the lab addresses come from. */
  static boolean isLabRange(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 4 && bytes[0] == PREFIX[0] && bytes[1] == PREFIX[1];
  }

  private static InetAddress labAddress(int index) {
    int block = index / PER_BLOCK;
    if (block > 255) {
      throw new IllegalArgumentException("more than " + 256 * PER_BLOCK + " server addresses");
    }
    byte[] bytes = {PREFIX[0], PREFIX[1], (byte) block, (byte) (index % PER_BLOCK + 1)};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  /** Scenario server address to lab address, in order of first appearance. */
  public Map<InetAddress, InetAddress> toLab() {
    return toLab;
  }

  /** The lab address of a scenario server address, if it names a server. */
  public Optional<InetAddress> labAddress(InetAddress scenarioAddress) {
    return Optional.ofNullable(toLab.get(scenarioAddress));
  }

  /** The scenario address behind a lab address, if it is one. */
  public Optional<InetAddress> scenarioAddress(InetAddress labAddress) {
    return Optional.ofNullable(toScenario.get(labAddress));
  }

  /** Every lab address, in order. */
  public List<InetAddress> labAddresses() {
    return List.copyOf(toScenario.keySet());
  }

  /**
   * The record as a lab server sends it: A and AAAA records for a server address point at the
   * server's lab address; any other record is returned as is.
   *
   * @param record a record of a scripted reply
   * @return the record to send
   */
  public Record toLab(Record record) {
    Optional<InetAddress> address = address(record).map(toLab::get);
    if (address.isEmpty()) {
      return record;
    }
    if (record.getType() == Type.A) {
      return new ARecord(record.getName(), record.getDClass(), record.getTTL(), address.get());
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    System.arraycopy(address.get().getAddress(), 0, mapped, 12, 4);
    return Record.newRecord(
        record.getName(), Type.AAAA, record.getDClass(), record.getTTL(), mapped);
  }

  /**
   * The record as the scenario wrote it: the inverse of {@link #toLab(Record)}, for comparing what
   * a resolver answered with what a scenario expects.
   *
   * @param record a record a resolver returned
   * @return the record with a lab address put back to the scenario's; any other record as is
   */
  public Record toScenario(Record record) {
    Optional<InetAddress> original = address(record).map(toScenario::get);
    if (original.isEmpty()) {
      return record;
    }
    boolean v4 = original.get() instanceof Inet4Address;
    if (record.getType() == Type.A && v4) {
      return new ARecord(record.getName(), record.getDClass(), record.getTTL(), original.get());
    }
    if (record.getType() == Type.AAAA && !v4) {
      return new AAAARecord(record.getName(), record.getDClass(), record.getTTL(), original.get());
    }
    return record;
  }

  /** The address of an A or AAAA record; Java reads {@code ::ffff:a.b.c.d} as IPv4. */
  private static Optional<InetAddress> address(Record record) {
    if (record instanceof ARecord a) {
      return Optional.of(bare(a.getAddress()));
    }
    if (record instanceof AAAARecord aaaa) {
      return Optional.of(bare(aaaa.getAddress()));
    }
    return Optional.empty();
  }

  private static InetAddress bare(InetAddress address) {
    try {
      return InetAddress.getByAddress(address.getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a valid address was refused", e);
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("AddressMap[");
    toLab.forEach(
        (from, to) ->
            text.append(text.length() > 11 ? ", " : "")
                .append(from.getHostAddress())
                .append(" -> ")
                .append(to.getHostAddress()));
    return text.append(']').toString();
  }
}
