package io.rootwalk.cli;

import io.rootwalk.Resolver;
import io.rootwalk.server.RecursiveServer;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code rootwalk serve}: runs a {@link RecursiveServer} until SIGTERM or Ctrl-C. The readiness
 * line is printed only once UDP and TCP are both bound, so a script can start sending queries as
 * soon as it reads it.
 */
final class ServeCommand {

  private ServeCommand() {}

  static int run(Command.Serve command, PrintStream out, PrintStream err) {
    Resolver resolver = Resolvers.forUpstreams(command.upstreams());
    RecursiveServer server;
    try {
      server = RecursiveServer.start(resolver, command.listen());
    } catch (java.io.UncheckedIOException e) {
      resolver.close();
      // start's message says where and why: "cannot listen on 127.0.0.1:53: Permission denied".
      err.println("rootwalk: " + e.getMessage());
      return ExitCode.FAILURE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // The JVM runs this on SIGTERM and Ctrl-C: close the sockets, then the resolver's transport.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  resolver.close();
                  stopped.countDown();
                },
                "rootwalk-shutdown"));
    out.println("listening on " + RecursiveServer.format(server.address()));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.ANSWER;
  }
}
