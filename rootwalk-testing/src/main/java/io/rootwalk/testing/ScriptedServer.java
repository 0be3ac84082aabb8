package io.rootwalk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Address;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * DNS servers that say exactly what a test scripts: each query is matched against a list of {@link
 * ScriptedAnswer}s, first match wins, and the answer's message goes back whatever it holds (any
 * flags, any sections, a wrong SOA, an upward referral). Every query is recorded, with the answer
 * it got. Like a {@link DnsLab}, every server address is bound on UDP and TCP, all on one shared
 * port; scenarios use {@code 127.77.x.y}, a range the other labs leave alone.
 *
 * <p>The server has a current step ({@link #step(int)}) that answers limited to a range of steps
 * look at, so that what a server says can change as a test proceeds (Deckard's RANGE blocks).
 *
 * <pre>{@code
 * try (ScriptedServer server = ScriptedServer.builder()
 *     .answer(ScriptedAnswer.forQuery("example.com.", Type.NS).at("127.77.0.1").reply(message))
 *     .start()) {
 *   // query 127.77.0.1 on server.port(); then server.queries()
 * }
 * }</pre>
 *
 * <p>A query no answer matches gets a SERVFAIL, as Deckard sends (the question echoed, RD and CD
 * copied), unless {@link Builder#unmatched} says otherwise; it is recorded with no answer, so a
 * test can list what its script missed. Messages that do not parse, and responses (QR set), get
 * nothing.
 */
public final class ScriptedServer implements AutoCloseable {

  /** What a query that matches no scripted answer gets. */
  public enum Unmatched {
    /** SERVFAIL, question echoed: what Deckard sends. The default. */
    SERVFAIL,
    /** REFUSED, question echoed: what an authoritative server says for a zone it lacks. */
    REFUSED,
    /** Nothing at all: the resolver times out. */
    DROP
  }

  private final List<ScriptedAnswer> answers;
  private final Unmatched unmatched;
  private final List<InetAddress> addresses;
  private final LabNetwork network;
  private final List<ScriptedQuery> log = new ArrayList<>();
  private volatile int step;

  private ScriptedServer(Builder builder, List<InetAddress> addresses) {
    this.answers = List.copyOf(builder.answers);
    this.unmatched = builder.unmatched;
    this.addresses = List.copyOf(addresses);
    try {
      this.network = LabNetwork.bind(this.addresses);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the scripted servers " + addresses, e);
    }
    Map<InetAddress, QueryHandler> handlers = new LinkedHashMap<>();
    for (InetAddress address : this.addresses) {
      handlers.put(address, (wire, protocol) -> handle(address, wire, protocol));
    }
    try {
      network.start(handlers);
    } catch (IOException | RuntimeException e) {
      network.close();
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot start the scripted servers", io)
          : (RuntimeException) e;
    }
  }

  /**
   * A builder with no answers and no addresses yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The one port every address listens on, UDP and TCP. */
  public int port() {
    return network.port();
  }

  /** Every address bound, in the order first named. */
  public List<InetAddress> addresses() {
    return addresses;
  }

  /**
   * One server's address with the shared port, for a client.
   *
   * @param address a bound address such as {@code "127.77.0.1"}
   * @return the socket address
   * @throws IllegalArgumentException if that address is not bound
   */
  public InetSocketAddress socketAddress(String address) {
    InetAddress a = literal(address);
    if (!addresses.contains(a)) {
      throw new IllegalArgumentException(
          address
              + " is not one of "
              + addresses.stream().map(InetAddress::getHostAddress).toList());
    }
    return new InetSocketAddress(a, port());
  }

  /**
   * Moves to another step; answers limited to steps look at it from the next query on.
   *
   * @param step the step number, as in a scenario's {@code STEP n}
   */
  public void step(int step) {
    this.step = step;
  }

  /** The current step (0 until {@link #step(int)} is called). */
  public int step() {
    return step;
  }

  /** Every query received so far, in arrival order (a snapshot). */
  public List<ScriptedQuery> queries() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** The queries no scripted answer matched, in arrival order (a snapshot). */
  public List<ScriptedQuery> unmatchedQueries() {
    return queries().stream().filter(q -> !q.matched()).toList();
  }

  /** Forgets every recorded query. */
  public void clearQueries() {
    synchronized (log) {
      log.clear();
    }
  }

  /** Stops serving and releases the port. Idempotent. */
  @Override
  public void close() {
    network.close();
  }

  @Override
  public String toString() {
    return "ScriptedServer[port "
        + port()
        + ", "
        + addresses.size()
        + " addresses, "
        + answers.size()
        + " answers]";
  }

  /** Runs on the network thread: match, record, reply. */
  private Reply handle(InetAddress server, byte[] wire, Wire protocol) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException | RuntimeException e) {
      return Reply.NONE;
    }
    if (query.getHeader().getFlag(Flags.QR)) {
      return Reply.NONE; // a response sent to a server: never answer it
    }
    int now = step;
    Optional<ScriptedAnswer> chosen =
        answers.stream().filter(a -> a.matches(now, server, protocol, query)).findFirst();
    synchronized (log) {
      log.add(new ScriptedQuery(server, protocol, now, query, chosen));
    }
    if (chosen.isPresent()) {
      return chosen.get().replyTo(query).map(m -> Reply.of(m.toWire())).orElse(Reply.NONE);
    }
    return switch (unmatched) {
      case SERVFAIL -> Reply.of(Responses.rcodeOnly(query, Rcode.SERVFAIL, edns(query)).toWire());
      case REFUSED -> Reply.of(Responses.rcodeOnly(query, Rcode.REFUSED, edns(query)).toWire());
      case DROP -> Reply.NONE;
    };
  }

  private static boolean edns(Message query) {
    return query.getOPT() != null;
  }

  /** An IP literal, never looked up; only loopback addresses can be served. */
  static InetAddress literal(String address) {
    try {
      // Without the host name dnsjava attaches, so that it prints as 127.77.0.1.
      return InetAddress.getByAddress(Address.getByAddress(address.strip()).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
    }
  }

  /** The answers and addresses of a {@link ScriptedServer}; not thread-safe. */
  public static final class Builder {
    private final List<ScriptedAnswer> answers = new ArrayList<>();
    private final Set<InetAddress> addresses = new LinkedHashSet<>();
    private Unmatched unmatched = Unmatched.SERVFAIL;

    private Builder() {}

    /**
     * Binds these addresses too, beyond those the answers name: a server every query to which goes
     * unanswered, or one whose answers apply to every address.
     *
     * @param literals loopback addresses such as {@code "127.77.0.1"}
     * @return this builder
     */
    public Builder address(String... literals) {
      for (String literal : literals) {
        addresses.add(literal(literal));
      }
      return this;
    }

    /**
     * Binds these addresses too.
     *
     * @param addresses loopback addresses
     * @return this builder
     */
    public Builder addresses(Iterable<InetAddress> addresses) {
      addresses.forEach(a -> this.addresses.add(Objects.requireNonNull(a, "address")));
      return this;
    }

    /**
     * Adds answers, tried after those added before.
     *
     * @param answers the answers; their server addresses are bound
     * @return this builder
     */
    public Builder answer(ScriptedAnswer... answers) {
      return answers(List.of(answers));
    }

    /**
     * Adds answers, tried in list order after those added before.
     *
     * @param answers the answers; their server addresses are bound
     * @return this builder
     */
    public Builder answers(List<ScriptedAnswer> answers) {
      for (ScriptedAnswer answer : answers) {
        this.answers.add(Objects.requireNonNull(answer, "answer"));
        this.addresses.addAll(answer.servers());
      }
      return this;
    }

    /**
     * What a query no answer matches gets (default {@link Unmatched#SERVFAIL}, as in Deckard).
     *
     * @param unmatched the policy
     * @return this builder
     */
    public Builder unmatched(Unmatched unmatched) {
      this.unmatched = Objects.requireNonNull(unmatched, "unmatched");
      return this;
    }

    /**
     * Binds every address and starts answering.
     *
     * @return the running servers; close them when done
     * @throws IllegalArgumentException if no address is named, or one is not a loopback address
     * @throws UncheckedIOException if the sockets cannot be bound
     */
    public ScriptedServer start() {
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException(
            "no server address: name one with address(..) or an answer's at(..)");
      }
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "scripted servers bind loopback addresses only (127.77.x.y), not "
                  + address.getHostAddress());
        }
      }
      return new ScriptedServer(this, new ArrayList<>(addresses));
    }
  }
}
