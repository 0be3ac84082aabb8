package io.rootwalk.jdkwide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.World;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * JEP 418 from the outside: a child JVM started from the multi-release core jar (JDK 18+ only, so
 * this runs in the {@code java18-layer} profile, after {@code package}) calls plain {@code
 * InetAddress} methods ({@link JdkLookups}), and what it prints is what any program in that JVM
 * would get. The JDK loads its resolver provider once per JVM, so each scenario is its own JVM.
 */
class InetProviderIT {

  private static final String ROOTWALK_RESOLVER = "io.rootwalk.inet.RootwalkInetResolver";

  /** A root, a {@code lab.} zone and reverse zones for IPv4 and IPv6, on 127.57.0.x. */
  private static World world() {
    return World.builder()
        .zone(
            ".",
            """
            $TTL 86400
            @ IN SOA a.root.lab. hostmaster.lab. 1 1800 900 604800 86400
            @ IN NS a.root.lab.
            lab. IN NS ns.lab.
            in-addr.arpa. IN NS ns.lab.
            ip6.arpa. IN NS ns.lab.
            a.root.lab. IN A 127.57.0.1
            ns.lab. IN A 127.57.0.2
            """)
        .zone(
            "lab.",
            """
            $TTL 3600
            @ IN SOA ns.lab. hostmaster.lab. 1 3600 900 1209600 300
            @ IN NS ns
            ns IN A 127.57.0.2
            a.root IN A 127.57.0.1
            www IN A 127.57.0.80
            alias IN CNAME www
            dual IN A 127.57.0.81
            dual IN AAAA 2001:db8::81
            v6only IN AAAA 2001:db8::82
            text IN TXT "no address here"
            broken IN NS ns.broken
            ns.broken IN A 127.57.0.3
            """)
        .zone(
            "in-addr.arpa.",
            """
            $TTL 3600
            @ IN SOA ns.lab. hostmaster.lab. 1 3600 900 1209600 300
            @ IN NS ns.lab.
            80.0.57.127 IN PTR www.lab.
            """)
        .zone(
            "ip6.arpa.",
            """
            $TTL 3600
            @ IN SOA ns.lab. hostmaster.lab. 1 3600 900 1209600 300
            @ IN NS ns.lab.
            2.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 IN PTR v6only.lab.
            """)
        .server("a.root.lab.", "127.57.0.1", ".")
        .server("ns.lab.", "127.57.0.2", "lab.", "in-addr.arpa.", "ip6.arpa.")
        // Serves nothing, so it REFUSES broken.lab.: a lame delegation, SERVFAIL at once.
        .server("ns.broken.lab.", "127.57.0.3")
        .build();
  }

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(InetProviderIT::world);

  @TempDir Path temp;

  @Test
  void givenTheProviderOnWhenAProgramLooksUpFixtureNamesThenTheyAreWalkedFromTheLabsRoot()
      throws Exception {
    Map<String, String> out =
        run(
            on(),
            "www.lab",
            "alias.lab",
            "dual.lab",
            "@127.57.0.80",
            "@127.57.0.99",
            "@2001:db8::82",
            "127.57.0.5",
            "localhost");

    assertThat(out)
        .containsEntry("www.lab", "-> 127.57.0.80")
        .containsEntry("alias.lab", "-> 127.57.0.80")
        .as("the JDK's default order, java.net.preferIPv6Addresses=false: IPv4 first")
        .containsEntry("dual.lab", "-> 127.57.0.81, 2001:db8:0:0:0:0:0:81")
        .as("reverse: the PTR of 80.0.57.127.in-addr.arpa., confirmed forward by the JDK")
        .containsEntry("@127.57.0.80", "-> www.lab")
        .as("reverse for IPv6: under ip6.arpa.")
        .containsEntry("@2001:db8::82", "-> v6only.lab")
        .as("no PTR: the JDK shows the address itself")
        .containsEntry("@127.57.0.99", "-> 127.57.0.99")
        .as("a literal is never looked up")
        .containsEntry("127.57.0.5", "-> 127.57.0.5")
        .as("RFC 6761 section 6.3: localhost never leaves the host")
        .containsEntry("localhost", "-> 127.0.0.1, 0:0:0:0:0:0:0:1");
    assertThat(lab.get().queries())
        .as("the names went to the lab's servers")
        .anyMatch(q -> q.qname().toString().equals("www.lab."))
        .anyMatch(q -> q.qname().toString().equals("80.0.57.127.in-addr.arpa."));
  }

  @Test
  void givenTheProviderOnWhenANameHasNoAddressThenTheExceptionSaysWhy() throws Exception {
    Map<String, String> out = run(on(), "nope.lab", "text.lab", "www.broken.lab");

    assertThat(out.get("nope.lab")).isEqualTo("!! nope.lab: no such name (NXDOMAIN)");
    assertThat(out.get("text.lab"))
        .isEqualTo("!! text.lab: the name has no address (A or AAAA record) (NODATA)");
    assertThat(out.get("www.broken.lab"))
        .startsWith("!! www.broken.lab: the lookup failed (SERVFAIL): ")
        .contains("broken.lab");
  }

  @Test
  void givenTheJvmPrefersIpv6ThenTheAaaaAddressesComeFirst() throws Exception {
    List<String> flags = on();
    flags.add("-Djava.net.preferIPv6Addresses=true");

    assertThat(run(flags, "dual.lab"))
        .containsEntry("dual.lab", "-> 2001:db8:0:0:0:0:0:81, 127.57.0.81");
  }

  @Test
  void givenAnIpv4OnlyJvmThenNoAaaaIsAskedForAndAnIpv6OnlyNameHasNoAddress() throws Exception {
    List<String> flags = on();
    flags.add("-Djava.net.preferIPv4Stack=true");

    assertThat(run(flags, "dual.lab", "v6only.lab"))
        .containsEntry("dual.lab", "-> 127.57.0.81")
        .containsEntry(
            "v6only.lab", "!! v6only.lab: the name has no IPv4 address (A record) (NODATA)");
    assertThat(lab.get().queries()).noneMatch(q -> q.qtype() == org.xbill.DNS.Type.AAAA);
  }

  @Test
  void givenABadHintsFileThenEveryLookupFailsNamingTheFileAndNothingIsSent() throws Exception {
    Path hints = temp.resolve("broken.root");
    Files.writeString(hints, ". 3600000 IN NS a.root.lab.\n$INCLUDE /etc/passwd\n");
    List<String> flags = on();
    flags.set(1, "-Drootwalk.rootHints=" + hints);

    Map<String, String> out = run(flags, "www.lab", "localhost", "@127.57.0.80");

    assertThat(out.get("www.lab"))
        .startsWith("!! www.lab: Rootwalk cannot resolve names in this JVM: -Drootwalk.rootHints: ")
        .contains(hints.toString())
        .contains("line 2");
    assertThat(out.get("localhost"))
        .as("the JDK itself answers localhost with the loopback address when a resolver fails it")
        .isEqualTo("-> 127.0.0.1");
    assertThat(out.get("@127.57.0.80"))
        .as("getHostName hides the failure, as the JDK does, by showing the address")
        .isEqualTo("-> 127.57.0.80");
    assertThat(lab.get().queryCount()).isZero();
  }

  @Test
  void givenAMissingHintsFileOrABadPortThenTheLookupSaysSo() throws Exception {
    List<String> missing = on();
    missing.set(1, "-Drootwalk.rootHints=" + temp.resolve("nowhere.root"));
    List<String> badPort = on();
    badPort.set(2, "-Drootwalk.upstreamPort=fifty-three");

    assertThat(run(missing, "www.lab").get("www.lab"))
        .startsWith("!! www.lab: Rootwalk cannot resolve names in this JVM: -Drootwalk.rootHints")
        .contains("nowhere.root");
    assertThat(run(badPort, "www.lab").get("www.lab"))
        .isEqualTo(
            "!! www.lab: Rootwalk cannot resolve names in this JVM: "
                + "-Drootwalk.upstreamPort=fifty-three is not a port number (1 to 65535)");
  }

  @Test
  void givenTheProviderNotSwitchedOnThenTheJdksOwnResolverAnswers() throws Exception {
    List<String> off = new ArrayList<>(on().subList(1, 3));
    off.add("--add-opens=java.base/java.net=ALL-UNNAMED");
    List<String> on = on();
    on.add("--add-opens=java.base/java.net=ALL-UNNAMED");

    assertThat(run(off, "?resolver").get("?resolver"))
        .as("the JDK's own resolver, though the jar is on the class path")
        .startsWith("-> java.net.");
    assertThat(run(on, "?resolver")).containsEntry("?resolver", "-> " + ROOTWALK_RESOLVER);
  }

  @Test
  void givenAHostsFileForTheJdkThenTheJdkNeverAsksTheProvider() throws Exception {
    // jdk.net.hosts.file makes the JDK use that file and load no provider at all, so nothing
    // goes to the host's DNS servers, or to Rootwalk: documented, not a fallback.
    List<String> flags = on();
    flags.add("-Djdk.net.hosts.file=" + hostsFile());

    assertThat(run(flags, "www.lab")).containsEntry("www.lab", "-> 127.57.0.200");
    assertThat(lab.get().queryCount()).isZero();
  }

  /**
   * The module path registration is there, but it is not enough on its own: dnsjava (which core
   * requires) ships an off-by-default provider of its own, the JDK takes the first provider it
   * finds, and among named modules that order is the JDK's, not ours (on JDK 25 it is dnsjava's).
   * On the class path the order is the class path's, and Maven puts a direct dependency before its
   * dependencies: the scenarios above run that way.
   */
  @Test
  void givenTheJarOnTheModulePathThenItsJava18DescriptorProvidesTheResolver() {
    ModuleDescriptor descriptor =
        ModuleFinder.of(Path.of(coreJar())).find("io.rootwalk").orElseThrow().descriptor();

    assertThat(descriptor.provides())
        .extracting(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers)
        .containsExactly(
            tuple(
                "java.net.spi.InetAddressResolverProvider",
                List.of("io.rootwalk.inet.RootwalkInetProvider")));
    assertThat(descriptor.packages()).contains("io.rootwalk.inet");
    assertThat(descriptor.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .doesNotContain("io.rootwalk.inet");
  }

  /**
   * The Java 18 descriptor replaces the base one on a JDK 18+ module path, so a module the base
   * requires and the versioned one forgot (jdk.jfr for the Flight Recorder events, say) would fail
   * there at run time only.
   */
  @Test
  void givenBothDescriptorsThenTheJava18OneRequiresAndExportsWhatTheBaseDoes() throws IOException {
    ModuleDescriptor versioned =
        ModuleFinder.of(Path.of(coreJar())).find("io.rootwalk").orElseThrow().descriptor();
    ModuleDescriptor base;
    try (JarFile jar = new JarFile(coreJar());
        java.io.InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
      base = ModuleDescriptor.read(in);
    }

    // By name and modifiers: the recorded compiled versions differ (--release 17 and 18).
    assertThat(versioned.requires())
        .extracting(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers)
        .containsExactlyInAnyOrderElementsOf(
            base.requires().stream()
                .map(r -> tuple(r.name(), r.modifiers()))
                .collect(java.util.stream.Collectors.toList()));
    assertThat(versioned.exports()).isEqualTo(base.exports());
    assertThat(versioned.packages()).containsAll(base.packages());
  }

  @Test
  void givenTheClassPathThenTheJarIsMultiReleaseAndRegistersTheProvider() throws IOException {
    try (JarFile jar = new JarFile(coreJar())) {
      assertThat(jar.isMultiRelease()).isTrue();
      assertThat(jar.getEntry("io/rootwalk/Resolver.class")).isNotNull();
      assertThat(jar.getEntry("META-INF/versions/18/io/rootwalk/inet/RootwalkInetProvider.class"))
          .isNotNull();
      assertThat(jar.getEntry("io/rootwalk/inet/RootwalkInetProvider.class"))
          .as("nothing of the layer in the base, which stays Java 17")
          .isNull();
      assertThat(
              new String(
                  jar.getInputStream(
                          jar.getEntry(
                              "META-INF/services/java.net.spi.InetAddressResolverProvider"))
                      .readAllBytes(),
                  StandardCharsets.UTF_8))
          .isEqualTo("io.rootwalk.inet.RootwalkInetProvider\n");
    }
  }

  private List<String> on() {
    List<String> flags = new ArrayList<>();
    flags.add("-Drootwalk.inet=true");
    flags.add("-Drootwalk.rootHints=" + lab.get().rootHintsFile());
    flags.add("-Drootwalk.upstreamPort=" + lab.get().port());
    return flags;
  }

  private Path hostsFile() throws IOException {
    Path hosts = temp.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 localhost\n127.57.0.200 www.lab\n");
    return hosts;
  }

  private static Map<String, String> run(List<String> flags, String... lookups)
      throws IOException, InterruptedException {
    return runWithClassPath(flags, classPath(), lookups);
  }

  /** Runs {@link JdkLookups} in a child JVM; each output line keyed by the lookup it is for. */
  private static Map<String, String> runWithClassPath(
      List<String> flags, String classPath, String... lookups)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(classPath);
    command.add(JdkLookups.class.getName());
    command.addAll(Arrays.asList(lookups));
    Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    Map<String, String> byLookup = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.split(" ", 2);
      if (parts.length == 2) {
        byLookup.put(parts[0], parts[1]);
      }
    }
    assertThat(byLookup).as(out + err).containsOnlyKeys(lookups);
    return byLookup;
  }

  /** This JVM's class path with the core jar in place of the compiled classes. */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    entries.add(coreJar());
    for (String e : entries(System.getProperty("java.class.path"))) {
      if (!Path.of(e).equals(Path.of(System.getProperty("rootwalk.mainClasses")))) {
        entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String coreJar() {
    Path jar = Path.of(System.getProperty("rootwalk.coreJar", "target/missing.jar"));
    assertThat(jar).as("the packaged core jar").exists();
    return jar.toString();
  }

  /** Only the java18-layer profile's run after {@code package} names the jar to test. */
  @BeforeEach
  void onlyWithThePackagedJar() {
    assumeTrue(
        System.getProperty("rootwalk.coreJar") != null,
        "runs in the java18-layer profile's integration-test execution, on the packaged jar");
  }

  private static List<String> entries(String path) {
    return Arrays.asList(path.split(Pattern.quote(File.pathSeparator)));
  }
}
