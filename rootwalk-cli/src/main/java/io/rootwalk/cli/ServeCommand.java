package io.rootwalk.cli;

import io.rootwalk.Resolver;
import io.rootwalk.server.AddressPrefix;
import io.rootwalk.server.AllowList;
import io.rootwalk.server.RecursiveServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rootwalk serve}: runs a {@link RecursiveServer} until SIGTERM or Ctrl-C. The readiness
 * line is printed only once UDP and TCP are both bound, so a script can start sending queries as
 * soon as it reads it. Only loopback clients are served unless {@code --allow} names others, so
 * that a server started on a public address is not an open resolver; one started so without {@code
 * --allow} says on stderr that nobody else will be answered.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run a recursive DNS server on UDP and TCP.",
      "Serves stub clients (dig, kdig, dnsperf) until SIGTERM or Ctrl-C, and prints 'listening on"
          + " ADDR:PORT' once both sockets are bound. RD=0 queries are answered from the cache"
          + " only.",
      "Only loopback clients are served unless --allow names others; any other client gets"
          + " REFUSED.",
      "Answers are DNSSEC-validated (see --trust-anchor): clients that set DO get the RRSIGs and"
          + " denial proofs, AD is set on secure answers for clients that set DO or AD, a bogus"
          + " answer is SERVFAIL with an RFC 8914 extended error, and CD=1 clients get the data"
          + " unchecked."
    },
    footer =
        "exit status: 143 after SIGTERM, 130 after Ctrl-C (the JVM's 128 + signal, once the"
            + " sockets and the resolver are closed), 2 cannot listen, 64 usage error")
final class ServeCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli sets it (a required option) before call()
  @Option(
      names = "--listen",
      required = true,
      paramLabel = "ADDR:PORT",
      converter = ListenAddress.class,
      description = "Address to serve on: 127.0.0.1:5300, [::1]:5300; port 0 picks a free one.")
  private InetSocketAddress listen;

  @Option(
      names = "--allow",
      paramLabel = "CIDR",
      converter = AllowPrefix.class,
      description =
          "Serve clients in this network (repeatable): 192.168.0.0/16, 2001:db8::/32, or one"
              + " address. Default: loopback only; with --allow exactly the networks given"
              + " (add 127.0.0.0/8 and ::1 to keep loopback).")
  private List<AddressPrefix> allow = new ArrayList<>();

  @Mixin private UpstreamOptions upstreams = new UpstreamOptions();

  @Mixin private ClientLimitOptions clientLimits = new ClientLimitOptions();

  @SuppressWarnings("UnusedVariable") // declares --verbose; Main reads it off the parse result
  @Mixin
  private VerboseOption verbose = new VerboseOption();

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  private CommandSpec spec;

  /**
   * Serves until SIGTERM or Ctrl-C.
   *
   * @return 0 after a shutdown, 2 if the sockets cannot be bound
   */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Resolver resolver = upstreams.newResolver();
    RecursiveServer server;
    try {
      server =
          RecursiveServer.start(
              resolver,
              listen,
              allow.isEmpty() ? AllowList.loopback() : AllowList.of(allow),
              clientLimits.limits());
    } catch (UncheckedIOException e) {
      resolver.close();
      // start's message says where and why: "cannot listen on 127.0.0.1:53: Permission denied".
      err.println("rootwalk: " + e.getMessage());
      err.flush();
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
    loopbackOnlyWarning(server.address(), allow)
        .ifPresent(
            warning -> {
              err.println(warning);
              err.flush();
            });
    // Said once at start: clients then get no AD and no SERVFAIL for bogus data from this server.
    UpstreamOptions.validationOff(resolver)
        .ifPresent(
            notice -> {
              err.println(notice);
              err.flush();
            });
    out.println("listening on " + RecursiveServer.format(server.address()));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.ANSWER;
  }

  /**
   * The warning for a server bound where others can reach it (a LAN or public address, or the
   * wildcard) with no {@code --allow}: they will all be refused, which is safe but surprising.
   */
  static Optional<String> loopbackOnlyWarning(InetSocketAddress bound, List<AddressPrefix> allow) {
    if (!allow.isEmpty() || bound.getAddress().isLoopbackAddress()) {
      return Optional.empty();
    }
    return Optional.of(
        "rootwalk: warning: listening on "
            + RecursiveServer.format(bound)
            + " but only loopback clients will be served; allow others with --allow CIDR"
            + " (e.g. --allow 192.168.0.0/16)");
  }
}
