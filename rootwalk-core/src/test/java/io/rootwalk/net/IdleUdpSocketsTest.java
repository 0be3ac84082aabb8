package io.rootwalk.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One loop's kept sockets, on an explicit clock: their age, their bound, and a flooded one. */
class IdleUdpSocketsTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicInteger open = new AtomicInteger();
  private final IdleUdpSockets kept =
      new IdleUdpSockets(new UdpSocketReuse(10, Duration.ofSeconds(1)), open);
  private final ByteBuffer scratch = ByteBuffer.allocateDirect(65_535);
  private final Selector selector = Selector.open();
  private final UdpTestServer server = new UdpTestServer(query -> List.of());

  IdleUdpSocketsTest() throws IOException {}

  @AfterEach
  void tearDown() throws IOException {
    kept.closeAll();
    selector.close();
    server.close();
  }

  @Test
  void aKeptSocketIsClosedOnceItIsMaxAgeOldEvenWhenNoExchangeAsksForIt() throws IOException {
    DatagramChannel socket = connected();
    assertThat(kept.keep(server.address(), socket, key(socket), 0, 1, SECOND / 2)).isTrue();

    assertThat(kept.closeExpired(SECOND / 2)).as("ms until it is due").isEqualTo(501);
    assertThat(socket.isOpen()).isTrue();

    assertThat(kept.closeExpired(SECOND)).as("nothing left to wait for").isZero();
    assertThat(socket.isOpen()).isFalse();
    assertThat(kept.size()).isZero();
    assertThat(open.get()).isZero();
  }

  @Test
  void anExpiredSocketIsNeverHandedOutAndOneThatIsFullIsNotKept() throws IOException {
    DatagramChannel old = connected();
    kept.keep(server.address(), old, key(old), 0, 1, 0);

    assertThat(kept.take(server.address(), SECOND, scratch)).isNull();
    assertThat(old.isOpen()).isFalse();

    DatagramChannel full = connected();
    assertThat(kept.keep(server.address(), full, key(full), 0, 10, 0))
        .as("carried its ten exchanges")
        .isFalse();
    assertThat(kept.keep(server.address(), full, key(full), 0, 1, SECOND))
        .as("a second old")
        .isFalse();
  }

  @Test
  void aSocketFloodedWhileIdleIsClosedRatherThanDrainedForEver() throws IOException {
    DatagramChannel socket = connected();
    kept.keep(server.address(), socket, key(socket), 0, 1, 0);
    // The socket is connected: only datagrams from the server's address and port get in, so the
    // flood comes from there, as a spoofer's would.
    for (int i = 0; i <= IdleUdpSockets.MAX_STALE_DATAGRAMS; i++) {
      server.sendTo(ByteBuffer.wrap(new byte[] {1, 2, 3}), socket.getLocalAddress());
    }

    assertThat(kept.take(server.address(), 0, scratch)).isNull();
    assertThat(socket.isOpen()).isFalse();
  }

  private DatagramChannel connected() throws IOException {
    DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET);
    socket.configureBlocking(false);
    socket.connect(server.address());
    open.incrementAndGet();
    return socket;
  }

  private SelectionKey key(DatagramChannel socket) throws IOException {
    return socket.register(selector, SelectionKey.OP_READ);
  }
}
