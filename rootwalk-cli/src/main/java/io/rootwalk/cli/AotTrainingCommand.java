package io.rootwalk.cli;

import io.rootwalk.Resolver;
import io.rootwalk.RootHints;
import io.rootwalk.server.RecursiveServer;
import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.ManyZonesWorld;
import io.rootwalk.testing.ManyZonesWorld.Outcome;
import io.rootwalk.testing.ManyZonesWorld.Question;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The training run of the {@code ./rootwalk} wrapper's ahead-of-time cache on JDK 25 and newer (JEP
 * 483, 514, 515), hidden from the command list: the JVM that makes the cache records the classes
 * this run loads and the method profiles it leaves, so what it runs decides what a later process
 * starts with.
 *
 * <p>The demo alone loads the commands' classes but resolves a dozen names, too few for the JIT to
 * profile the walk. So after the demo this runs {@code serve}'s own code on cold traffic: a server
 * on a loopback port in front of a resolver walking {@link ManyZonesWorld} (a lab in this JVM, as
 * the demo's), asked four questions per zone by a client keeping {@value #WINDOW} in flight, then
 * the same questions again as cache hits. Measured with the benchmark's hierarchy on one core: a
 * freshly started {@code serve} answered 10,000 cold names at about 3,100 QPS with a cache trained
 * this way on 3,000 names, 1,900-2,300 with one trained on the demo (see the benchmarks README).
 *
 * <p>Every reply is checked against the world: a run that got no answers would record the profile
 * of a failure path, so it exits 2 and the wrapper throws the cache away.
 */
@Command(
    name = "aot-training",
    hidden = true,
    description = "The ./rootwalk wrapper's AOT cache training run (offline, loopback only).")
final class AotTrainingCommand implements Callable<Integer> {

  /** Queries in flight, as dnsperf keeps 100 outstanding in the benchmark. */
  static final int WINDOW = 100;

  /** How long the client waits for any reply before counting what is in flight as lost. */
  private static final Duration SILENCE = Duration.ofSeconds(2);

  @Option(
      names = "--zones",
      paramLabel = "N",
      description =
          "Delegated zones in the lab, four cold questions each (default: ${DEFAULT-VALUE}).")
  int zones = 750;

  @Option(
      names = "--hit-passes",
      paramLabel = "N",
      description = "Passes of the same questions after the cold one (default: ${DEFAULT-VALUE}).")
  int hitPasses = 3;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  private CommandSpec spec;

  /** One pass's replies: right, wrong (the outcome differs from the world's) and never come. */
  record Tally(int right, int wrong, int lost) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (zones < 1 || hitPasses < 0) {
      throw new UsageException("--zones must be positive and --hit-passes not negative");
    }
    new CommandLine(new DemoCommand()).setOut(new PrintWriter(Writer.nullWriter())).execute();

    List<Question> questions = ManyZonesWorld.questions(zones);
    long started = System.nanoTime();
    int right = 0;
    int failed = 0;
    try (DnsLab lab = DnsLab.start(ManyZonesWorld.world(zones));
        Resolver resolver =
            Resolver.builder()
                .rootHints(RootHints.fromFile(lab.rootHintsFile()))
                .upstreamPort(lab.port())
                .build();
        RecursiveServer server =
            RecursiveServer.start(
                resolver, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      client.connect(server.address());
      client.setSoTimeout((int) SILENCE.toMillis());
      for (int pass = 0; pass <= hitPasses; pass++) {
        Tally tally = ask(client, questions);
        right += tally.right();
        failed += tally.wrong() + tally.lost();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("aot-training: the loopback client failed", e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "aot-training: %d questions over %d zones, %d passes, %d right, %d wrong or lost, %.1f s%n",
        questions.size(), zones, hitPasses + 1, right, failed, seconds);
    out.flush();
    if (failed > 0) {
      err.println("aot-training: " + failed + " replies wrong or lost; the profile is not typical");
      err.flush();
      return ExitCode.FAILURE;
    }
    return ExitCode.ANSWER;
  }

  /** Asks every question once, {@value #WINDOW} in flight, each under its index as the ID. */
  static Tally ask(DatagramSocket client, List<Question> questions) throws IOException {
    Map<Integer, Question> inFlight = new HashMap<>();
    DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
    int next = 0;
    int right = 0;
    int wrong = 0;
    int lost = 0;
    while (next < questions.size() || !inFlight.isEmpty()) {
      while (next < questions.size() && inFlight.size() < WINDOW) {
        int id = next & 0xFFFF;
        Question q = questions.get(next++);
        Message query =
            Message.newQuery(
                Record.newRecord(Name.fromString(q.name()), Type.value(q.type()), DClass.IN));
        query.getHeader().setID(id);
        byte[] wire = query.toWire();
        client.send(new DatagramPacket(wire, wire.length));
        inFlight.put(id, q);
      }
      try {
        client.receive(reply);
      } catch (SocketTimeoutException e) {
        lost += inFlight.size();
        inFlight.clear();
        continue;
      }
      Message m;
      try {
        m = new Message(Arrays.copyOf(reply.getData(), reply.getLength()));
      } catch (IOException e) {
        wrong++; // cannot say which question it answered; its own one is lost at the next silence
        continue;
      }
      Question asked = inFlight.remove(m.getHeader().getID());
      if (asked == null) {
        continue; // a reply after its silence, already counted as lost
      }
      if (says(m, asked.outcome())) {
        right++;
      } else {
        wrong++;
      }
    }
    return new Tally(right, wrong, lost);
  }

  /** Whether a reply says what the world holds: SERVFAIL, REFUSED and the like never do. */
  private static boolean says(Message m, Outcome expected) {
    return switch (expected) {
      case NXDOMAIN -> m.getRcode() == Rcode.NXDOMAIN;
      case NODATA -> m.getRcode() == Rcode.NOERROR && m.getSection(Section.ANSWER).isEmpty();
      case ANSWER -> m.getRcode() == Rcode.NOERROR && !m.getSection(Section.ANSWER).isEmpty();
    };
  }
}
