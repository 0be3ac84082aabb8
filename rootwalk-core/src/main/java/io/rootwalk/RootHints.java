package io.rootwalk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The servers a resolver starts from before it knows anything: the root name servers' names and
 * addresses, in the {@code named.root} format IANA publishes.
 *
 * <p>Only a starting point: the resolver primes from them (RFC 8109) and then uses the root NS set
 * the root itself returns.
 */
public final class RootHints {

  /**
   * One root server: its name and addresses.
   *
   * @param name the server's name, e.g. {@code a.root-servers.net.}
   * @param addresses its IPv4 and IPv6 addresses, in file order
   */
  public record Server(Name name, List<InetAddress> addresses) {
    /**
     * Copies the list.
     *
     * @param name the server's name
     * @param addresses its addresses
     * @throws NullPointerException if any part is null
     */
    public Server {
      Objects.requireNonNull(name, "name");
      addresses = List.copyOf(addresses);
    }
  }

  private final List<Server> servers;
  private final String source;

  private RootHints(List<Server> servers, String source) {
    this.servers = List.copyOf(servers);
    this.source = source;
  }

  /**
   * IANA's root hints, built in: the 13 root server names with their IPv4 and IPv6 addresses. Dated
   * addresses do no harm as long as one still answers: priming replaces them.
   *
   * @return the hints from the {@code named.root} bundled in the jar, read once and shared (the
   *     value is immutable)
   * @throws IllegalStateException if the jar lacks its {@code named.root} (a broken build)
   * @throws java.io.UncheckedIOException if the bundled file cannot be read
   */
  public static RootHints iana() {
    return Iana.HINTS;
  }

  /** The built-in hints, read on first use. */
  private static final class Iana {
    static final RootHints HINTS = read();
  }

  private static RootHints read() {
    try (InputStream in = RootHints.class.getResourceAsStream("named.root")) {
      if (in == null) {
        throw new IllegalStateException("built-in named.root is missing from the jar");
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.US_ASCII), "built-in IANA named.root");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in named.root", e);
    }
  }

  /**
   * Reads a hints file in {@code named.root} format, e.g. for a lab hierarchy or an alternative
   * root, as {@link #parse} reads text. At most 1 MiB and one byte are read, so pointing it at
   * {@code /dev/zero} or a huge file fails at once instead of filling the heap.
   *
   * @param path the file, of printable US-ASCII
   * @return the hints, with the path as their {@link #source()}
   * @throws IllegalArgumentException if the file cannot be read, is larger than 1 MiB, does not
   *     parse as {@link #parse} says, or names no root server with an address; the message is one
   *     line naming the file, the line where one applies, and what is wrong
   */
  public static RootHints fromFile(Path path) {
    Objects.requireNonNull(path, "path");
    return parse(RootHintsParser.read(path), path.toString());
  }

  /**
   * Parses hints text in {@code named.root} format: NS records for the root and A/AAAA records for
   * those names, one plain record a line, with an optional TTL and class IN. Addresses for names
   * that are not root name servers are ignored, as are root name servers without an address.
   *
   * <p>Nothing else is accepted: no {@code $} directives ({@code $INCLUDE} would read another file,
   * {@code $GENERATE} expand into billions of records), no other type or class, no NS record below
   * the root, no multi-line records, nothing over 1 MiB.
   *
   * @param text the hints text; names are taken relative to the root
   * @param source where the text came from, for error messages and {@link #source()}
   * @return the hints
   * @throws IllegalArgumentException if the text is larger than 1 MiB, a line is anything but a
   *     blank line, a comment or such a record (the one-line message names {@code source}, the line
   *     and what is wrong), or the text names no root server with an address
   */
  public static RootHints parse(String text, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Map<Name, List<InetAddress>> byName = new LinkedHashMap<>();
    List<Record> addresses = new ArrayList<>();
    for (Record r : RootHintsParser.records(text, source)) {
      if (r instanceof NSRecord ns) {
        byName.putIfAbsent(ns.getTarget(), new ArrayList<>());
      } else {
        addresses.add(r);
      }
    }
    for (Record r : addresses) {
      List<InetAddress> list = byName.get(r.getName());
      if (list != null) {
        list.add(r instanceof ARecord ? ((ARecord) r).getAddress() : ((AAAARecord) r).getAddress());
      }
    }
    List<Server> servers = new ArrayList<>();
    byName.forEach(
        (name, list) -> {
          if (!list.isEmpty()) {
            servers.add(new Server(name, list));
          }
        });
    if (servers.isEmpty()) {
      throw new IllegalArgumentException(
          "root hints "
              + source
              + " name no root server with an address (need '. NS name' and 'name A addr')");
    }
    return new RootHints(servers, source);
  }

  /**
   * The servers priming starts from.
   *
   * @return the root servers, in file order, each with at least one address
   */
  public List<Server> servers() {
    return servers;
  }

  /**
   * Where these hints came from, for messages and the CLI.
   *
   * @return a path, the source given to {@link #parse}, or {@code "built-in IANA named.root"}
   */
  public String source() {
    return source;
  }

  /**
   * Whether every hint address is a loopback address: a lab or test hierarchy, in which delegations
   * to loopback name servers are expected rather than suspicious. A resolver built with such hints
   * allows loopback servers unless told otherwise.
   *
   * @return true when all addresses of all servers are loopback addresses
   */
  public boolean allLoopback() {
    for (Server s : servers) {
      for (InetAddress a : s.addresses()) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "RootHints[" + source + ", " + servers.size() + " servers]";
  }
}
