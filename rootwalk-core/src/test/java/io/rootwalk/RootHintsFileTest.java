package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.ServerSpec;
import io.rootwalk.testing.World;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/**
 * A root hints file is configuration an operator may point at anything: it is read bounded (1 MiB)
 * and holds plain root NS records and A/AAAA records only. Zone-file directives would let it read
 * other files ({@code $INCLUDE}) or expand into billions of records ({@code $GENERATE}); anything
 * but the three types is a mistake. Each is refused with one line naming the file, the line and
 * what is wrong. Parsed only: no resolver is built on these hints, so no packet goes anywhere.
 */
class RootHintsFileTest {

  private static final int ONE_MIB = 1 << 20;

  /** A valid two-server hints file in the lab's format. */
  private static final String VALID =
      """
      ; lab root hints
      .            3600000 NS   a.lab.
      a.lab.       3600000 A    127.9.0.1
      .            3600000 IN NS b.lab.
      b.lab.       3600000 IN AAAA ::1
      """;

  @TempDir Path dir;

  @Test
  void devZeroFailsAtOnceWithAClearMessageInsteadOfFillingTheHeap() {
    Path zero = Path.of("/dev/zero");
    assumeThat(Files.exists(zero)).as("a /dev/zero to read").isTrue();

    assertThatThrownBy(() -> RootHints.fromFile(zero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/dev/zero")
        .hasMessageContaining("larger than 1 MiB");
  }

  @Test
  void aFileOverOneMibIsRefusedAndOneOfExactlyOneMibIsRead() throws Exception {
    Path exact = write("exact.root", padded(VALID, ONE_MIB));
    assertThat(Files.size(exact)).isEqualTo(ONE_MIB);
    assertThat(RootHints.fromFile(exact).servers()).hasSize(2);

    Path over = write("over.root", padded(VALID, ONE_MIB + 1));
    refused(over).hasMessageContaining(over.toString()).hasMessageContaining("larger than 1 MiB");
    assertThatThrownBy(() -> RootHints.parse(padded(VALID, ONE_MIB + 1), "text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("larger than 1 MiB");
  }

  @Test
  void includeIsRefusedWithoutOpeningTheIncludedFile() throws Exception {
    Path hints = write("include.root", VALID + "$INCLUDE /etc/passwd\n");

    refused(hints)
        .hasMessageContaining(hints.toString())
        .hasMessageContaining("line 6")
        .hasMessageContaining("$INCLUDE")
        .hasMessageNotContaining("root:"); // nothing of /etc/passwd
  }

  @Test
  void generateIsRefusedBeforeAnyRecordIsExpanded() throws Exception {
    Path hints = write("generate.root", "$GENERATE 1-2147483647 host$ A 127.0.0.1\n" + VALID);

    refused(hints).hasMessageContaining("line 1").hasMessageContaining("$GENERATE");
  }

  @Test
  void everyDirectiveIsRefusedEvenTheHarmlessOnes() throws Exception {
    refused(write("origin.root", "$ORIGIN lab.\n" + VALID)).hasMessageContaining("$ORIGIN");
    refused(write("ttl.root", "$TTL 3600\n" + VALID)).hasMessageContaining("$TTL");
  }

  @Test
  void aRecordTypeOtherThanNsAOrAaaaIsRefused() throws Exception {
    Path txt = write("txt.root", VALID + "a.lab. 3600000 TXT \"hello\"\n");
    refused(txt).hasMessageContaining("line 6").hasMessageContaining("TXT");

    Path soa = write("soa.root", ". 3600000 SOA a.lab. admin.lab. 1 2 3 4 5\n" + VALID);
    refused(soa).hasMessageContaining("line 1").hasMessageContaining("SOA");
  }

  @Test
  void aClassOtherThanInIsRefused() throws Exception {
    Path chaos = write("chaos.root", VALID + ".  3600000 CH NS c.lab.\n");
    refused(chaos).hasMessageContaining("line 6").hasMessageContaining("CH");

    Path bogus = write("bogus.root", ".  3600000 XX NS c.lab.\n" + VALID);
    refused(bogus).hasMessageContaining("line 1").hasMessageContaining("XX");
  }

  @Test
  void nsRecordsBelowTheRootAreRefused() throws Exception {
    Path hints = write("com.root", VALID + "com. 172800 NS a.gtld.lab.\n");

    refused(hints).hasMessageContaining("line 6").hasMessageContaining("com.");
  }

  @Test
  void everyMessageIsOneLine() throws Exception {
    Path nul = dir.resolve("nul.root");
    Files.write(nul, ". 3600000 NS a.lab.\u0000\nx\n".getBytes(StandardCharsets.US_ASCII));
    refused(nul).hasMessageContaining("line 1").hasMessageNotContaining("\n");

    String longToken = "x".repeat(10_000);
    refused(write("long.root", ". 3600000 " + longToken + " a.lab.\n"))
        .hasMessageNotContaining("\n")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
  }

  @Test
  void validFilesParseAsBefore() throws Exception {
    RootHints lab = RootHints.fromFile(write("valid.root", VALID));
    assertThat(lab.servers())
        .containsExactly(
            new RootHints.Server(
                Name.fromConstantString("a.lab."), List.of(InetAddress.getByName("127.9.0.1"))),
            new RootHints.Server(
                Name.fromConstantString("b.lab."), List.of(InetAddress.getByName("::1"))));

    RootHints iana = RootHints.iana();
    assertThat(iana.servers()).hasSize(13).allSatisfy(s -> assertThat(s.addresses()).hasSize(2));
    assertThat(iana.servers().get(0).name()).hasToString("A.ROOT-SERVERS.NET.");
    assertThat(iana.servers().get(0).addresses())
        .containsExactly(
            InetAddress.getByName("198.41.0.4"), InetAddress.getByName("2001:503:ba3e::2:30"));

    World world = DemoWorld.world();
    RootHints demo = RootHints.parse(world.namedRoot(), "demo");
    assertThat(demo.servers())
        .extracting(RootHints.Server::name)
        .containsExactlyElementsOf(world.rootServers().stream().map(ServerSpec::name).toList());

    RootHints windows = RootHints.parse(VALID.replace("\n", "\r\n"), "crlf");
    assertThat(windows.servers()).isEqualTo(lab.servers());
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(Path hints) {
    return assertThatThrownBy(() -> RootHints.fromFile(hints))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.US_ASCII);
    return p;
  }

  /** {@code text} followed by comment lines up to exactly {@code size} bytes. */
  private static String padded(String text, int size) {
    StringBuilder b = new StringBuilder(size).append(text);
    while (b.length() < size) {
      int left = size - b.length();
      b.append(left == 1 ? "\n" : ";" + "x".repeat(Math.min(78, left - 2)) + "\n");
    }
    return b.toString();
  }
}
