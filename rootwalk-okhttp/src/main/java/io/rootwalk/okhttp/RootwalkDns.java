package io.rootwalk.okhttp;

import io.rootwalk.HostAddresses;
import io.rootwalk.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.Dns;
import org.xbill.DNS.Address;

/**
 * An {@link Dns} for OkHttp that resolves host names with a Rootwalk {@link Resolver}: A and AAAA
 * through {@link Resolver#resolveHost}, so in the order of the resolver's {@code IpFamilyPolicy}
 * (by default interleaved, IPv6 first, as RFC 8305 section 4 asks; OkHttp's fast fallback then
 * races the families). Every outcome but an address is an {@link UnknownHostException} whose
 * message says which: NXDOMAIN, NODATA, or SERVFAIL with the resolver's reason.
 *
 * <pre>{@code
 * try (Resolver resolver = Resolver.builder().build()) {
 *   OkHttpClient client = new OkHttpClient.Builder().dns(new RootwalkDns(resolver)).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>The resolver stays the caller's: this class never closes it. Thread-safe, as the resolver is.
 */
public final class RootwalkDns implements Dns {

  private final Resolver resolver;

  /**
   * A DNS hook that looks names up with {@code resolver}.
   *
   * @param resolver the resolver to walk with; share one across clients to share its cache
   * @throws NullPointerException if {@code resolver} is null
   */
  public RootwalkDns(Resolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The addresses of {@code hostname}. An IP literal is its own answer, no query sent (OkHttp does
   * not ask for one, other callers may).
   *
   * @param hostname a host name such as {@code www.example.com}, or an IP literal
   * @return the addresses, none of them null, at least one
   * @throws UnknownHostException if the name is malformed, does not exist, has no address, or the
   *     lookup failed (the message names the host and the reason), or the resolver is closed
   */
  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    Objects.requireNonNull(hostname, "hostname");
    Optional<InetAddress> literal = literal(hostname);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    HostAddresses host;
    try {
      host = resolver.resolveHost(hostname);
    } catch (IllegalArgumentException e) {
      throw new UnknownHostException(hostname + ": not a DNS name: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new UnknownHostException(hostname + ": the Rootwalk resolver is closed");
    }
    if (!host.hasAddresses()) {
      throw new UnknownHostException(hostname + ": " + reason(host));
    }
    return host.addresses();
  }

  private static Optional<InetAddress> literal(String hostname) throws UnknownHostException {
    String bare =
        hostname.startsWith("[") && hostname.endsWith("]")
            ? hostname.substring(1, hostname.length() - 1)
            : hostname;
    byte[] bytes = Address.toByteArray(bare, Address.IPv4);
    if (bytes == null && bare.indexOf(':') >= 0) {
      bytes = Address.toByteArray(bare, Address.IPv6);
    }
    return bytes == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(bytes));
  }

  private static String reason(HostAddresses host) {
    return switch (host.status()) {
      case NXDOMAIN -> "no such name (NXDOMAIN)";
      case YXDOMAIN -> "a DNAME makes the name too long (YXDOMAIN)";
      case SERVFAIL ->
          "the lookup failed (SERVFAIL): "
              + host.failure().map(Object::toString).orElse("no reason given");
      case NODATA, NOERROR -> "the name has no address (A or AAAA record) (NODATA)";
    };
  }
}
