package io.rootwalk.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Address;

/**
 * An IPv4 or IPv6 network in CIDR notation, {@code 10.0.0.0/8} or {@code 2001:db8::/32}: the unit
 * of an {@link AllowList}.
 *
 * <p>The network must have no bits set beyond its length: {@code 10.1.2.3/8} is rejected rather
 * than read as {@code 10.0.0.0/8} (Unbound masks such a prefix silently). On an allow list a typo
 * there widens who may use the server, and {@code 192.168.1.10/24}, copied from an interface's
 * configuration, may have meant the one host or its whole subnet: the error names both.
 *
 * <p>An IPv4-mapped IPv6 prefix ({@code ::ffff:10.0.0.0/104}) is kept as the IPv4 prefix it maps
 * ({@code 10.0.0.0/8}), since IPv4 clients of a dual-stack socket are matched as IPv4 addresses.
 *
 * @param network the network's address: an {@link Inet4Address} or {@link Inet6Address}, without
 *     host name or scope
 * @param length the prefix length in bits: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record AddressPrefix(InetAddress network, int length) {

  private static final int MAPPED_PREFIX_BITS = 96;

  /**
   * Checks the prefix and normalises the address (no host name, no scope, IPv4-mapped to IPv4).
   *
   * @param network the network's address
   * @param length the prefix length in bits
   * @throws IllegalArgumentException if the length is out of range for the family or the address
   *     has bits set beyond the length
   */
  public AddressPrefix {
    Objects.requireNonNull(network, "network");
    byte[] bytes = network.getAddress();
    if (bytes.length == 16 && isMapped(bytes)) {
      if (length < MAPPED_PREFIX_BITS) {
        throw new IllegalArgumentException(
            "an IPv4-mapped prefix needs a length of "
                + MAPPED_PREFIX_BITS
                + "..128 but was "
                + length);
      }
      bytes = Arrays.copyOfRange(bytes, 12, 16);
      length -= MAPPED_PREFIX_BITS;
    }
    int bits = bytes.length * 8;
    if (length < 0 || length > bits) {
      throw new IllegalArgumentException(
          "the prefix length must be 0.." + bits + " for " + family(bytes) + " but was " + length);
    }
    network = address(bytes);
    byte[] masked = masked(bytes, length);
    if (!Arrays.equals(bytes, masked)) {
      String net = format(address(masked), length);
      throw new IllegalArgumentException(
          format(network, length)
              + " has host bits set: the network is "
              + net
              + ", the host alone "
              + format(network, bits));
    }
  }

  /**
   * Parses {@code ADDRESS/LENGTH} or a bare {@code ADDRESS} (the host alone: /32 or /128). Only
   * literal addresses are taken, so parsing never sends a DNS query.
   *
   * @param text such as {@code 192.168.0.0/16}, {@code 2001:db8::/32}, {@code 127.0.0.1}
   * @return the prefix
   * @throws IllegalArgumentException if {@code text} is not an address literal with an optional
   *     decimal length in range, or has host bits set; the message says which
   */
  public static AddressPrefix parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(host);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + host + "' is not an IPv4 or IPv6 address literal");
    }
    int length = bytes.length * 8;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            "the prefix length in '" + text + "' must be a number but was '" + digits + "'");
      }
      length = Integer.parseInt(digits);
    }
    return new AddressPrefix(address(bytes), length);
  }

  /**
   * Whether {@code address} lies in this network. An IPv4-mapped IPv6 address is matched as the
   * IPv4 address it maps; otherwise an IPv4 address never matches an IPv6 prefix, nor the reverse.
   *
   * @param address a client's address
   * @return true if its first {@link #length} bits are the network's
   */
  public boolean contains(InetAddress address) {
    return matches(AllowList.canonical(address.getAddress()), network.getAddress(), length);
  }

  /** Whether {@code client}'s first {@code length} bits are {@code network}'s (same family). */
  static boolean matches(byte[] client, byte[] network, int length) {
    if (client.length != network.length) {
      return false;
    }
    int whole = length / 8;
    for (int i = 0; i < whole; i++) {
      if (client[i] != network[i]) {
        return false;
      }
    }
    int rest = length % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (client[whole] & mask) == (network[whole] & mask);
  }

  /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}: the form {@link #parse} takes. */
  @Override
  public String toString() {
    return format(network, length);
  }

  private static String format(InetAddress address, int length) {
    String host = address.getHostAddress();
    return (address instanceof Inet4Address ? host : RecursiveServer.compress(host)) + "/" + length;
  }

  private static byte @Nullable [] literal(String host) {
    byte[] v4 = Address.toByteArray(host, Address.IPv4);
    return v4 != null ? v4 : Address.toByteArray(host, Address.IPv6);
  }

  static boolean isMapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static byte[] masked(byte[] bytes, int length) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, length - 8 * i));
      out[i] = (byte) (bytes[i] & ((0xff << (8 - keep)) & 0xff));
    }
    return out;
  }

  /** The address of {@code bytes}, without host name or scope (16 mapped bytes stay IPv6). */
  private static InetAddress address(byte[] bytes) {
    try {
      return bytes.length == 4
          ? InetAddress.getByAddress(bytes)
          : Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + bytes.length + " bytes", e);
    }
  }

  private static String family(byte[] bytes) {
    return bytes.length == 4 ? "IPv4" : "IPv6";
  }
}
