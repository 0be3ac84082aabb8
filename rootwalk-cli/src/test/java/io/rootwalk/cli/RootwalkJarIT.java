package io.rootwalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The shaded jar as users run it: {@code java -jar target/rootwalk.jar demo} in a child JVM. Runs
 * in the {@code integration-test} phase, after {@code package} has built the jar.
 */
class RootwalkJarIT {

  private static Process run(String... args) throws IOException {
    Path jar = Path.of(System.getProperty("rootwalk.jar", "target/rootwalk.jar"));
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[args.length + 3];
    command[0] = java;
    command[1] = "-jar";
    command[2] = jar.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return new ProcessBuilder(command).redirectErrorStream(false).start();
  }

  @Test
  void demoRunsFromTheShadedJarQuietlyAndExitsZero() throws Exception {
    Process p = run("demo");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(out)
        .contains("chase ns1.dnshost.net. A")
        .contains("MISSING_GLUE")
        .contains("0 upstream queries");
    assertThat(err).as("slf4j-simple stays quiet by default").isEmpty();
  }

  @Test
  void traceFromTheShadedJarDrawsTheWalkIntoAnSvgFile() throws Exception {
    Path svg = Files.createTempFile("rootwalk-walk", ".svg");
    try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
      Process p =
          run(
              "trace",
              "www.shop.com",
              "--graph",
              svg.toString(),
              "--root-hints",
              lab.rootHintsFile().toString(),
              "--upstream-port",
              String.valueOf(lab.port()));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(err).isZero();
      assertThat(out).startsWith(";; www.shop.com. A: NOERROR\n");
      assertThat(Files.readString(svg))
          .startsWith("<?xml")
          .contains(">chase ns1.dnshost.net. A</text>")
          .endsWith("</svg>\n");
    } finally {
      Files.deleteIfExists(svg);
    }
  }

  @Test
  void versionPrintsTheProjectVersionAndExitsZero() throws Exception {
    Process p = run("--version");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(out).isEqualTo("rootwalk " + System.getProperty("rootwalk.version") + "\n");
    assertThat(err).isEmpty();
  }

  /**
   * {@code --verbose} is read off the parsed command line, and slf4j-simple fixes its level when
   * the first logger is created: so nothing that parsing runs may create one (dnsjava's Name does).
   * A lookup, whose NAME, TYPE and hints file are parsed, shows that the level still took.
   */
  @Test
  void verboseLookupLogsAtDebugOnStderrAndAQuietOneDoesNot() throws Exception {
    try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
      List<String> lookup =
          List.of(
              "lookup",
              "www.example.com",
              "A",
              "--root-hints",
              lab.rootHintsFile().toString(),
              "--upstream-port",
              String.valueOf(lab.port()));
      List<String> verbose = new ArrayList<>(lookup);
      verbose.add("--verbose");

      Process loud = run(verbose.toArray(new String[0]));
      String loudOut = new String(loud.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String loudErr = new String(loud.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(loud.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(loud.exitValue()).as(loudErr).isZero();
      assertThat(loudOut).contains("93.184.216.34");
      assertThat(loudErr).contains(" DEBUG io.rootwalk.");

      Process quiet = run(lookup.toArray(new String[0]));
      String quietOut = new String(quiet.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String quietErr = new String(quiet.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(quiet.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(quiet.exitValue()).as(quietErr).isZero();
      assertThat(quietOut).contains("93.184.216.34");
      assertThat(quietErr).isEmpty();
    }
  }

  @Test
  void twoRunsOfTheJarShareRedisAndTheSecondSendsNoQuery() throws Exception {
    try (DnsLab lab = DnsLab.start(DemoWorld.world());
        RedisServer redis = RedisServer.start()) {
      String[] trace = {
        "trace",
        "www.shop.com",
        "--root-hints",
        lab.rootHintsFile().toString(),
        "--upstream-port",
        String.valueOf(lab.port()),
        "--redis",
        redis.uri()
      };
      for (int run = 1; run <= 2; run++) {
        Process p = run(trace);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("192.0.2.80");
        assertThat(err).as("Lettuce and Netty stay quiet below WARN").isEmpty();
        if (run == 2) {
          assertThat(out).contains(";; 0 upstream queries").contains("(second-level)");
        }
      }
    }
  }

  @Test
  void serveWithRedisAnswersWhatAnEarlierRunWroteThereWithoutAQuery() throws Exception {
    try (DnsLab lab = DnsLab.start(DemoWorld.world());
        RedisServer redis = RedisServer.start()) {
      List<String> upstream =
          List.of(
              "--root-hints",
              lab.rootHintsFile().toString(),
              "--upstream-port",
              String.valueOf(lab.port()),
              "--redis",
              redis.uri());
      List<String> lookup = new ArrayList<>(List.of("lookup", "www.shop.com"));
      lookup.addAll(upstream);
      Process first = run(lookup.toArray(new String[0]));
      first.getInputStream().readAllBytes();
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isZero();
      int queriesBefore = lab.queryCount();

      List<String> serve = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0"));
      serve.addAll(upstream);
      Process server = run(serve.toArray(new String[0]));
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        String ready = out.readLine();
        assertThat(ready).startsWith("listening on 127.0.0.1:");
        int port = Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1).trim());
        SimpleResolver stub = new SimpleResolver(InetAddress.getLoopbackAddress());
        stub.setPort(port);
        stub.setTimeout(Duration.ofSeconds(10));
        Message answer =
            stub.send(
                Message.newQuery(
                    Record.newRecord(Name.fromString("www.shop.com."), Type.A, DClass.IN)));

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER))
            .singleElement()
            .asString()
            .endsWith("192.0.2.80");
        assertThat(lab.queryCount()).isEqualTo(queriesBefore); // from Redis, not the servers
      } finally {
        server.toHandle().destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @Test
  void checkOfALameZoneExitsTwoWithTheVerdictFirstAndAQuietStderr() throws Exception {
    try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
      Process p =
          run(
              "check",
              "lame.com",
              "--root-hints",
              lab.rootHintsFile().toString(),
              "--upstream-port",
              String.valueOf(lab.port()));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(err).isEqualTo(2);
      assertThat(out.lines().findFirst()).hasValue("lame.com.: 1 error, 0 warnings, 2 notices");
      assertThat(out).contains("LAME_SERVER  ns2.lame.com. 127.53.14.2");
      assertThat(err).isEmpty();
    }
  }

  @Test
  void usageErrorsExit64WithOneLine() throws Exception {
    Process p = run("lookup", "www.example.com", "NOPE");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(64);
    assertThat(err.lines().findFirst()).hasValue("rootwalk: unknown record type: NOPE");
  }

  /**
   * {@code serve} until its readiness line, then SIGTERM (what service managers send): the
   * readiness line and all of stderr.
   */
  private static String[] serveUntilReadyThenStop(String... args) throws Exception {
    Process p = run(args);
    // Read while it runs, to the end of the stream.
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String ready;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      ready = out.readLine(); // null if serve exited instead
      // SIGTERM through the handle: Process.destroy() also closes our ends of the pipes, which
      // fails the stderr read above with "Stream closed" when it is not finished yet.
      p.toHandle().destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String err = stderr.get(60, TimeUnit.SECONDS);
    assertThat(ready).as(err).startsWith("listening on ");
    // 143 is 128 + SIGTERM: the JVM exits with it after running the shutdown hook.
    assertThat(p.exitValue()).as(err).isEqualTo(143);
    return new String[] {ready, err};
  }

  @Test
  void servingAReachableAddressWithoutAllowWarnsOnStderrInOneLine() throws Exception {
    String[] run = serveUntilReadyThenStop("serve", "--listen", "0.0.0.0:0");

    assertThat(run[1].lines().toList())
        .singleElement()
        .asString()
        .startsWith("rootwalk: warning: listening on 0.0.0.0:")
        .contains("only loopback clients will be served")
        .contains("--allow CIDR");
  }

  @Test
  void servingLoopbackOrWithAnAllowListIsQuiet() throws Exception {
    assertThat(serveUntilReadyThenStop("serve", "--listen", "127.0.0.1:0")[1]).isEmpty();
    assertThat(
            serveUntilReadyThenStop(
                "serve", "--listen", "0.0.0.0:0", "--allow", "127.0.0.0/8", "--allow", "::1")[1])
        .isEmpty();
  }

  @Test
  void servingALabWithoutATrustAnchorSaysOnceOnStderrThatValidationIsOff() throws Exception {
    try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
      String[] run =
          serveUntilReadyThenStop(
              "serve",
              "--listen",
              "127.0.0.1:0",
              "--root-hints",
              lab.rootHintsFile().toString(),
              "--upstream-port",
              String.valueOf(lab.port()));

      assertThat(run[1].lines().toList()).containsExactly(UpstreamOptions.VALIDATION_OFF);
    }
  }

  @Test
  void aMalformedAllowPrefixExits64WithOneLine() throws Exception {
    Process p = run("serve", "--listen", "127.0.0.1:0", "--allow", "10.0.0.0/33");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(64);
    assertThat(err.lines().findFirst())
        .hasValue(
            "rootwalk: --allow '10.0.0.0/33': the prefix length must be 0..32 for IPv4 but"
                + " was 33");
    assertThat(err).doesNotContain("\tat ");
  }

  @Test
  void wrapperScriptIsExecutable() {
    Path script = Path.of("..", "rootwalk");
    assertThat(Files.isExecutable(script)).isTrue();
  }

  /** A server facing the network runs out of its own heap, never the host's memory. */
  @Test
  void theWrapperBoundsTheHeapUnlessRootwalkJavaOptsSetsOne() throws Exception {
    assertThat(maxHeapUnderTheWrapper("")).isEqualTo("512.00M");
    assertThat(maxHeapUnderTheWrapper("-Xmx256m")).isEqualTo("256.00M");
  }

  /**
   * The JVM's own account of its heap limit ({@code -XshowSettings:vm}) under {@code ./rootwalk}.
   */
  private static String maxHeapUnderTheWrapper(String javaOpts) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of("..", "rootwalk").toString(), "--version");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("ROOTWALK_AOT", "0");
    builder.environment().put("ROOTWALK_JAVA_OPTS", ("-XshowSettings:vm " + javaOpts).trim());
    Process p = builder.start();
    p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    Matcher m = Pattern.compile("Max\\. Heap Size(?: \\(Estimated\\))?: (\\S+)").matcher(err);
    assertThat(m.find()).as(err).isTrue();
    return m.group(1);
  }
}
