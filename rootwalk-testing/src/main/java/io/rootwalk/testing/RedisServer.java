package io.rootwalk.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, with nothing saved to
 * disk, for tests of a second-level cache that resolvers share. Without the binary the tests that
 * need it are skipped, except under CI ({@code CI=true}), where {@code .ci/run} installs it and its
 * absence is a failure.
 */
public final class RedisServer implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/redis-server");

  private final int port;
  private final Process process;

  private RedisServer(int port) throws IOException {
    this.port = port;
    this.process = launch(port);
  }

  /**
   * Starts one on a free port, or skips the test when there is no redis-server here.
   *
   * @return the running server
   * @throws IOException if it does not start
   */
  public static RedisServer start() throws IOException {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(BINARY)) {
      if (ci) {
        throw new IllegalStateException(
            "CI=true but " + BINARY + " is missing: .ci/run installs it");
      }
      assumeTrue(false, "no " + BINARY + ": apt-get install redis-server");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new RedisServer(port);
  }

  private static Process launch(int port) throws IOException {
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no")
            .redirectErrorStream(true)
            .start();
    // Ready when it says so; its output is read to the end so its pipe never fills.
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.contains("Ready to accept connections")) {
                    ready.complete(true);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.complete(false);
            },
            "redis-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!ready.get(20, TimeUnit.SECONDS)) {
        throw new IOException("redis-server on port " + port + " exited before it was ready");
      }
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("redis-server on port " + port + " did not start: " + e, e);
    }
    return p;
  }

  /**
   * Where it listens.
   *
   * @return {@code redis://127.0.0.1:PORT}
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Kills the server, as a crash or a network partition would take it away mid-run.
   *
   * @throws InterruptedException if interrupted while waiting for it to exit
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Kills the server. */
  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
