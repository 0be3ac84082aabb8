package io.rootwalk.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The clients a {@link RecursiveServer} serves, by source address. Any other client's query is
 * answered REFUSED, with the RFC 8914 extended error 18 (Prohibited) when it sent EDNS, over UDP
 * and TCP alike, before its question is read and before any lookup.
 *
 * <p>An open resolver, one that recurses for anyone, is a tool for reflection and amplification
 * attacks: a small query with a spoofed source makes it send a large answer to the victim. RFC 5358
 * (BCP 140) asks recursive servers to serve only their intended clients by default, so the default
 * here is {@link #loopback()}: the server answers only programs on its own host until it is told
 * otherwise. A REFUSED reply is about as small as the query it answers (the header and question
 * echoed; an EDNS query's OPT replaced by one 6 bytes longer, carrying the error; anything else
 * left out), so refusing gives a spoofer nothing to amplify. That is Unbound's {@code refuse}, its
 * default for clients off its list, rather than {@code deny}, which drops queries and leaves a
 * misconfigured client to time out; over TCP too, each query is answered REFUSED and the connection
 * stays open, under the usual TCP limits.
 *
 * <p>A client is allowed when any prefix contains its address; the list is small and matched in
 * order. IPv4 clients of a dual-stack socket, which the system reports as IPv4-mapped IPv6
 * addresses ({@code ::ffff:192.0.2.1}), are matched as IPv4. Immutable and thread-safe.
 */
public final class AllowList {

  private static final AllowList LOOPBACK =
      new AllowList(List.of(AddressPrefix.parse("127.0.0.0/8"), AddressPrefix.parse("::1")));

  private final List<AddressPrefix> prefixes;

  /** The prefixes' network bytes and lengths, unpacked once: matching allocates nothing more. */
  private final byte[][] networks;

  private final int[] lengths;

  private AllowList(List<AddressPrefix> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    this.networks = new byte[this.prefixes.size()][];
    this.lengths = new int[this.prefixes.size()];
    for (int i = 0; i < networks.length; i++) {
      networks[i] = this.prefixes.get(i).network().getAddress();
      lengths[i] = this.prefixes.get(i).length();
    }
  }

  /**
   * Loopback clients only: {@code 127.0.0.0/8} and {@code ::1} (and IPv4-mapped loopback). What
   * {@link RecursiveServer#start(io.rootwalk.Resolver, InetSocketAddress)} serves.
   *
   * @return the default allow list
   */
  public static AllowList loopback() {
    return LOOPBACK;
  }

  /**
   * Exactly the clients in {@code prefixes}; loopback is not implied (add {@code 127.0.0.0/8} and
   * {@code ::1} to keep it).
   *
   * @param prefixes at least one network
   * @return the allow list
   * @throws IllegalArgumentException if {@code prefixes} is empty (a server that serves nobody is a
   *     mistake, not a policy)
   */
  public static AllowList of(List<AddressPrefix> prefixes) {
    Objects.requireNonNull(prefixes, "prefixes");
    if (prefixes.isEmpty()) {
      throw new IllegalArgumentException("an allow list needs at least one prefix");
    }
    return new AllowList(prefixes);
  }

  /**
   * As {@link #of(List)}.
   *
   * @param prefixes at least one network
   * @return the allow list
   */
  public static AllowList of(AddressPrefix... prefixes) {
    return of(List.of(prefixes));
  }

  /**
   * The networks allowed, in the order given.
   *
   * @return an immutable list, never empty
   */
  public List<AddressPrefix> prefixes() {
    return prefixes;
  }

  /**
   * Whether the server serves a client at {@code address}.
   *
   * @param address the client's source address
   * @return true if a prefix of the list contains it
   */
  public boolean allows(InetAddress address) {
    byte[] client = canonical(address.getAddress());
    for (int i = 0; i < networks.length; i++) {
      if (AddressPrefix.matches(client, networks[i], lengths[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * As {@link #allows(InetAddress)} for a socket's peer; an unknown or non-IP peer is refused (the
   * check fails closed).
   */
  boolean allows(@Nullable SocketAddress peer) {
    if (peer instanceof InetSocketAddress inet) {
      InetAddress address = inet.getAddress();
      return address != null && allows(address);
    }
    return false;
  }

  /** The 4 bytes of an IPv4-mapped IPv6 address, else {@code bytes} as they are. */
  static byte[] canonical(byte[] bytes) {
    return bytes.length == 16 && AddressPrefix.isMapped(bytes)
        ? Arrays.copyOfRange(bytes, 12, 16)
        : bytes;
  }

  /**
   * Whether both lists allow the same prefixes in the same order.
   *
   * @param o another object
   * @return true for an equal allow list
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AllowList other && prefixes.equals(other.prefixes);
  }

  @Override
  public int hashCode() {
    return prefixes.hashCode();
  }

  /** {@code [127.0.0.0/8, ::1/128]}: the prefixes, as {@link AddressPrefix#parse} takes them. */
  @Override
  public String toString() {
    return prefixes.toString();
  }
}
