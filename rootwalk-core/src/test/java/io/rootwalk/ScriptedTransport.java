package io.rootwalk;

import io.rootwalk.spi.Protocol;
import io.rootwalk.spi.Transport;
import io.rootwalk.spi.TransportException;
import io.rootwalk.testing.AuthoritativeAnswerer;
import io.rootwalk.testing.ServerSpec;
import io.rootwalk.testing.World;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.Assertions;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * A socket-free {@link Transport} for engine tests (OkHttp's {@code StateMachineDnsCallTester}):
 * each server address of a {@link World} answers through the fixtures' {@link
 * AuthoritativeAnswerer}, on the caller's thread, after moving a {@link FakeTicker} forward by that
 * server's simulated RTT; scripted servers time out instead, moving the ticker by the timeout the
 * engine chose. Every exchange is recorded as an event ("127.53.10.1 UDP www.example.com. A
 * 1500ms") that a test takes in order and must exhaust, so no effect goes unchecked.
 */
public final class ScriptedTransport implements Transport {

  private final Map<InetAddress, AuthoritativeAnswerer> servers = new HashMap<>();
  private final Map<InetAddress, Duration> rtts = new HashMap<>();
  private final Set<InetAddress> silent = new HashSet<>();
  private final Deque<String> events = new ArrayDeque<>();
  private final FakeTicker ticker;

  public ScriptedTransport(World world, FakeTicker ticker) {
    this.ticker = ticker;
    for (ServerSpec s : world.servers()) {
      servers.put(s.address(), AuthoritativeAnswerer.forServer(world, s.name().toString()));
    }
  }

  /** The server at {@code address} answers after {@code rtt} of fake time. */
  public ScriptedTransport rtt(String address, Duration rtt) {
    rtts.put(address(address), rtt);
    return this;
  }

  /** The server at {@code address} never answers: each query times out. */
  public ScriptedTransport silent(String address) {
    silent.add(address(address));
    return this;
  }

  @Override
  public CompletableFuture<Message> send(
      Message query, InetSocketAddress server, Protocol protocol, Duration timeout) {
    InetAddress address = server.getAddress();
    events.add(
        address.getHostAddress()
            + " "
            + protocol
            + " "
            + query.getQuestion().getName()
            + " "
            + Type.string(query.getQuestion().getType())
            + " "
            + timeout.toMillis()
            + "ms");
    AuthoritativeAnswerer answerer = servers.get(address);
    if (answerer == null || silent.contains(address)) {
      ticker.advance(timeout);
      return CompletableFuture.failedFuture(
          new TransportException.Timeout("scripted: " + address + " is silent"));
    }
    ticker.advance(rtts.getOrDefault(address, Duration.ofMillis(1)));
    return CompletableFuture.completedFuture(answerer.answer(query));
  }

  /** The next exchange, in order; fails when there is none. */
  public String takeEvent() {
    Assertions.assertThat(events).as("exchanges left to take").isNotEmpty();
    return events.removeFirst();
  }

  /** Skips {@code n} exchanges the test does not care about. */
  public void skipEvents(int n) {
    for (int i = 0; i < n; i++) {
      takeEvent();
    }
  }

  /** Every exchange has been taken. */
  public void assertNoMoreEvents() {
    Assertions.assertThat(events).as("exchanges nobody checked").isEmpty();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
