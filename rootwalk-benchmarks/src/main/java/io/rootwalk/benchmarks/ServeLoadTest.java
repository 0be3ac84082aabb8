package io.rootwalk.benchmarks;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLab;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What a hostile client does to {@code rootwalk serve}, and what a legitimate one still gets. The
 * real jar runs as a child process in front of the demo lab (in this JVM, on 127.53.0.0/16); every
 * packet stays on 127.0.0.0/8. Clients are told apart by source address (all of 127/8 is loopback
 * on Linux):
 *
 * <ol>
 *   <li>(a) one client (127.0.0.1) holds 300 TCP connections, each asking a cached name once a
 *       second and reconnecting a second after the server closes it; a legitimate client
 *       (127.0.0.2) meanwhile makes 60 TCP queries, each on a fresh connection as a stub sent to
 *       TCP by TC=1 does: % answered within 2 s;
 *   <li>(a2) the same 300 connections spread over ten addresses (127.0.0.10-19), so that no
 *       per-client cap is reached and only fairness on a full table helps;
 *   <li>(b) a flood of random bytes, about 27,000 datagrams a second from three threads
 *       (127.0.0.1), while a legitimate client (127.0.2.1, another /24) sends 2,000 UDP queries at
 *       200 a second: % answered within 2 s, no retries;
 *   <li>(c) the serve process's resident memory (VmRSS, and its peak VmHWM, from /proc) before and
 *       after.
 * </ol>
 *
 * <pre>{@code
 * java -cp rootwalk-benchmarks/target/benchmarks.jar io.rootwalk.benchmarks.ServeLoadTest \
 *     [--jar rootwalk-cli/target/rootwalk.jar] [--jvm -Xmx256m]... [--only a,a2,b] \
 *     [-- SERVE_OPTIONS...]
 * }</pre>
 *
 * Options after {@code --} go to {@code rootwalk serve} (e.g. {@code --rate-limit 1000}). Not run
 * by {@code mvn verify}: it takes about a minute and loads both cores.
 */
public final class ServeLoadTest {

  private static final int TIMEOUT_MS = 2000;
  private static final int HOG_CONNECTIONS = 300;
  private static final int LEGIT_TCP_QUERIES = 60;
  private static final int LEGIT_UDP_QUERIES = 2000;
  private static final int JUNK_PER_SECOND = 27_000;
  private static final int JUNK_THREADS = 3;

  private final InetSocketAddress server;
  private final String scenarios;
  private final Random random = new Random(13);

  private ServeLoadTest(InetSocketAddress server, String scenarios) {
    this.server = server;
    this.scenarios = scenarios;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of("rootwalk-cli/target/rootwalk.jar");
    List<String> serveOptions = new ArrayList<>();
    String scenarios = "a,a2,b";
    List<String> jvmOptions = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--jar") && i + 1 < args.length) {
        jar = Path.of(args[++i]);
      } else if (args[i].equals("--jvm") && i + 1 < args.length) {
        jvmOptions.add(args[++i]);
      } else if (args[i].equals("--only") && i + 1 < args.length) {
        scenarios = args[++i];
      } else if (args[i].equals("--")) {
        serveOptions.addAll(List.of(args).subList(i + 1, args.length));
        break;
      } else {
        System.err.println(
            "usage: ServeLoadTest [--jar JAR] [--jvm OPTION]... [--only a,a2,b] [-- SERVE_OPTIONS...]");
        System.exit(64);
      }
    }
    try (DnsLab lab = DnsLab.start(DemoWorld.world())) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString(), "serve", "--listen", "127.0.0.1:0"));
      command.addAll(List.of("--root-hints", lab.rootHintsFile().toString()));
      command.addAll(List.of("--upstream-port", String.valueOf(lab.port())));
      command.addAll(serveOptions);
      Process serve =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("listening on ")) {
          throw new IllegalStateException("serve did not start: " + ready);
        }
        String[] hostPort = ready.substring("listening on ".length()).split(":");
        InetSocketAddress address =
            new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        System.out.println(String.join(" ", command.subList(1, command.size())));
        new ServeLoadTest(address, scenarios).run(serve.pid());
      } finally {
        serve.destroy(); // SIGTERM: the server closes its sockets
        serve.waitFor(10, TimeUnit.SECONDS);
        serve.destroyForcibly();
      }
    }
  }

  private void run(long pid) throws Exception {
    for (String name : List.of("www.example.com", "mail.example.com", "www.example.org")) {
      udpQuery("127.0.2.1", name); // a walk, then the cache hit the reply cache keeps
      udpQuery("127.0.2.1", name);
    }
    String before = memory(pid);
    System.out.printf("(c) memory at start:           %s%n", before);

    double cpu = cpuSeconds(pid);
    List<String> which = List.of(scenarios.split(","));
    if (which.contains("a")) {
      double a = tcpHogs(List.of("127.0.0.1"));
      System.out.printf("(a)  300 TCP conns, 1 client:  legit TCP answered %.1f %%%n", a);
      cpu = printCpu(pid, cpu);
    }
    if (which.contains("a2")) {
      List<String> ten = new ArrayList<>();
      for (int i = 10; i < 20; i++) {
        ten.add("127.0.0." + i);
      }
      double a2 = tcpHogs(ten);
      System.out.printf("(a2) 300 TCP conns, 10 addrs:  legit TCP answered %.1f %%%n", a2);
      cpu = printCpu(pid, cpu);
    }
    if (which.contains("a") || which.contains("a2")) {
      System.out.printf("(c) memory after (a), (a2):    %s%n", memory(pid));
    }
    if (which.contains("b")) {
      double b = junkFlood();
      System.out.printf("(b)  junk flood:               legit UDP answered %.1f %%%n", b);
      printCpu(pid, cpu);
      System.out.printf("(c) memory after (b):          %s%n", memory(pid));
    }
  }

  private static double printCpu(long pid, double before) throws IOException {
    double now = cpuSeconds(pid);
    System.out.printf("     serve CPU: %.1f s%n", now - before);
    return now;
  }

  /** Scenario (a): hogs from {@code addresses} hold 300 connections; % of legit TCP answered. */
  private double tcpHogs(List<String> addresses) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger holding = new AtomicInteger();
    List<Thread> hogs = new ArrayList<>();
    for (int i = 0; i < HOG_CONNECTIONS; i++) {
      String from = addresses.get(i % addresses.size());
      Thread t = new Thread(() -> hog(from, stop, holding), "hog-" + i);
      t.setDaemon(true);
      t.start();
      hogs.add(t);
    }
    Thread.sleep(3000); // all connected and asking once a second
    int answered = 0;
    for (int i = 0; i < LEGIT_TCP_QUERIES; i++) {
      answered += tcpQuery("127.0.0.2", "www.example.com") ? 1 : 0;
      Thread.sleep(250);
    }
    System.out.printf("     hog connections holding: %d of %d%n", holding.get(), HOG_CONNECTIONS);
    stop.set(true);
    for (Thread t : hogs) {
      t.join(5000);
    }
    Thread.sleep(1000); // the server notices the closes
    return 100.0 * answered / LEGIT_TCP_QUERIES;
  }

  /** One hog connection: a cached query a second; when closed, reconnect a second later. */
  private void hog(String from, AtomicBoolean stop, AtomicInteger holding) {
    byte[] query = wire("www.example.com", 1);
    while (!stop.get()) {
      boolean counted = false;
      try (Socket s = connect(from)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        DataInputStream in = new DataInputStream(s.getInputStream());
        while (!stop.get()) {
          out.writeShort(query.length);
          out.write(query);
          out.flush();
          in.readFully(new byte[in.readUnsignedShort()]); // EOF: the server closed us
          if (!counted) {
            holding.incrementAndGet();
            counted = true;
          }
          Thread.sleep(1000);
        }
      } catch (IOException e) {
        // closed by the server, or refused: try again in a second
      } catch (InterruptedException e) {
        return;
      } finally {
        if (counted) {
          holding.decrementAndGet();
        }
      }
      if (!stop.get()) {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
    }
  }

  /** Scenario (b): a junk flood while a legitimate client asks; % answered within 2 s. */
  private double junkFlood() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong junkSent = new AtomicLong();
    List<Thread> flooders = new ArrayList<>();
    for (int i = 0; i < JUNK_THREADS; i++) {
      Thread t = new Thread(() -> flood(stop, junkSent), "junk-" + i);
      t.setDaemon(true);
      t.start();
      flooders.add(t);
    }
    long floodStart = System.nanoTime();
    ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
    AtomicInteger answered = new AtomicInteger();
    try (DatagramSocket legit = new DatagramSocket(new InetSocketAddress("127.0.2.1", 0))) {
      Thread receiver =
          new Thread(
              () -> {
                DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                while (!legit.isClosed()) {
                  try {
                    legit.receive(p);
                    int id = ((p.getData()[0] & 0xff) << 8) | (p.getData()[1] & 0xff);
                    Long at = sentAt.remove(id);
                    if (at != null && System.nanoTime() - at < TIMEOUT_MS * 1_000_000L) {
                      answered.incrementAndGet();
                    }
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              });
      receiver.start();
      Thread.sleep(1000); // the flood under way
      for (int i = 0; i < LEGIT_UDP_QUERIES; i++) {
        byte[] q = wire("www.example.com", i + 1);
        sentAt.put(i + 1, System.nanoTime());
        legit.send(new DatagramPacket(q, q.length, server));
        Thread.sleep(5);
      }
      Thread.sleep(TIMEOUT_MS);
    }
    stop.set(true);
    for (Thread t : flooders) {
      t.join(5000);
    }
    double seconds = (System.nanoTime() - floodStart) / 1e9;
    System.out.printf("     junk sent: %.0f datagrams/s%n", junkSent.get() / seconds);
    return 100.0 * answered.get() / LEGIT_UDP_QUERIES;
  }

  /** One flood thread: random datagrams of 12..100 bytes, paced to its share of the rate. */
  private void flood(AtomicBoolean stop, AtomicLong sent) {
    Random r = new Random(Thread.currentThread().getId());
    long perThread = JUNK_PER_SECOND / JUNK_THREADS;
    long intervalNanos = 1_000_000; // a batch each millisecond
    long perBatch = Math.max(1, perThread / 1000);
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      long next = System.nanoTime();
      while (!stop.get()) {
        for (int i = 0; i < perBatch; i++) {
          byte[] junk = new byte[12 + r.nextInt(89)];
          r.nextBytes(junk);
          s.send(new DatagramPacket(junk, junk.length, server));
          sent.incrementAndGet();
        }
        next += intervalNanos;
        LockSupport.parkNanos(next - System.nanoTime());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One query on a fresh TCP connection from {@code from}: answered with data within 2 s? */
  private boolean tcpQuery(String from, String name) {
    byte[] query = wire(name, random.nextInt(65536));
    try (Socket s = connect(from)) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      return answered(reply);
    } catch (IOException e) {
      return false; // closed at once, reset or timed out
    }
  }

  private boolean udpQuery(String from, String name) throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
      s.setSoTimeout(5000);
      byte[] q = wire(name, random.nextInt(65536));
      s.send(new DatagramPacket(q, q.length, server));
      DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
      s.receive(p);
      return answered(java.util.Arrays.copyOf(p.getData(), p.getLength()));
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private Socket connect(String from) throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(server, TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private static boolean answered(byte[] reply) throws IOException {
    Message m = new Message(reply);
    return m.getRcode() == Rcode.NOERROR && !m.getSection(Section.ANSWER).isEmpty();
  }

  private static byte[] wire(String name, int id) {
    try {
      Message q =
          Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
      q.getHeader().setID(id & 0xffff);
      return q.toWire();
    } catch (IOException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  /** CPU seconds {@code pid} has used (utime + stime from /proc, at 100 ticks a second). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** VmRSS and VmHWM of {@code pid}, from /proc. */
  private static String memory(long pid) throws IOException {
    String rss = "?";
    String hwm = "?";
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = megabytes(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = megabytes(line);
      }
    }
    return "RSS " + rss + " (peak " + hwm + ")";
  }

  private static String megabytes(String statusLine) {
    long kb = Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    return (kb / 1024) + " MB";
  }
}
