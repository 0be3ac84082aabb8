package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class WorldTest {

  private static final String SMALL =
      """
      @ IN SOA ns.test. admin.test. 1 3600 900 604800 60
      @ IN NS ns.test.
      ns IN A 127.60.0.1
      """;

  @Test
  void parsesZoneTextWithRelativeNamesAndDefaultTtl() {
    World world =
        World.builder().zone("test.", SMALL).server("ns.test.", "127.60.0.1", "test.").build();
    ZoneSpec zone = world.zone("test").orElseThrow();
    assertThat(zone.records()).hasSize(3);
    assertThat(zone.rrset(Name.fromConstantString("ns.test."), Type.A))
        .singleElement()
        .extracting(Record::getTTL)
        .isEqualTo(World.Builder.DEFAULT_TTL);
    assertThat(world.servers())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo(Name.fromConstantString("ns.test."));
              assertThat(s.zones()).containsExactly(Name.fromConstantString("test."));
            });
  }

  @Test
  void parseErrorNamesZoneAndLine() {
    assertThatThrownBy(
            () ->
                World.builder()
                    .zone(
                        "bad.test.",
                        SMALL.replace("@ IN NS ns.test.", "") + "www IN A not-an-address\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.test.")
        .hasMessageContaining("line 4: Invalid address");
  }

  @Test
  void rejectsRecordsOutsideTheZone() {
    assertThatThrownBy(() -> World.builder().zone("test.", SMALL + "www.other. IN A 192.0.2.1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the zone");
  }

  @Test
  void buildValidates() {
    assertThatThrownBy(() -> World.builder().zone("test.", "@ IN NS ns.test.\n").build())
        .hasMessageContaining("SOA");
    assertThatThrownBy(
            () -> World.builder().zone("test.", "@ IN SOA ns.test. a.test. 1 2 3 4 5\n").build())
        .hasMessageContaining("NS");
    assertThatThrownBy(() -> World.builder().server("ns.test.", "192.0.2.1"))
        .hasMessageContaining("not a loopback address");
    assertThatThrownBy(() -> World.builder().server("ns.test.", "ns.example.com"))
        .hasMessageContaining("not an IP address literal");
    assertThatThrownBy(() -> World.builder().server("ns.test.", "127.60.0.1", "missing.").build())
        .hasMessageContaining("missing.");
    assertThatThrownBy(
            () ->
                World.builder()
                    .server("a.test.", "127.60.0.1")
                    .server("b.test.", "127.60.0.1")
                    .build())
        .hasMessageContaining("already used");
    assertThat(World.builder().server("v6.test.", "::1").build().servers()).hasSize(1);
  }

  @Test
  void toBuilderExtendsAndReplaces() {
    World demo = DemoWorld.world();
    World extended =
        demo.toBuilder()
            .zone("test.", SMALL)
            .server("ns.test.", "127.60.0.1", "test.")
            .withoutServer(DemoWorld.NS2_LAME)
            .build();
    assertThat(extended.servers()).hasSize(demo.servers().size());
    assertThat(extended.zone("test.")).isPresent();
    assertThat(extended.server(DemoWorld.NS2_LAME)).isEmpty();
    assertThat(demo.server(DemoWorld.NS2_LAME)).isPresent();
    assertThat(extended.rootServers())
        .extracting(ServerSpec::name)
        .map(Name::toString)
        .containsExactly("a.root-servers.net.", "b.root-servers.net.");
  }

  @Test
  void writesLoadableZoneFiles(@TempDir Path dir) throws IOException {
    List<Path> files = DemoWorld.world().writeZoneFiles(dir);
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("root.zone", "com.zone", "example.com.zone", "api.example.com.zone");
    for (ZoneSpec zone : DemoWorld.world().zones()) {
      List<Record> reread = new ArrayList<>();
      try (Master master = new Master(dir.resolve(zone.fileName()).toString())) {
        for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
          reread.add(r);
        }
      }
      assertThat(reread).as(zone.fileName()).containsExactlyInAnyOrderElementsOf(zone.records());
      assertThat(reread.get(0).getType()).isEqualTo(Type.SOA);
    }
    assertThat(Files.readString(dir.resolve("example.com.zone")))
        .contains("ns1.api.example.com.\t86400\tIN\tA\t127.53.11.1");
  }

  @Test
  void namedRootListsOnlyRootServers() {
    String hints = DemoWorld.world().namedRoot();
    assertThat(hints.lines().filter(l -> !l.startsWith(";"))).hasSize(4);
    assertThat(hints).doesNotContain("gtld");
  }

  @Test
  void demoWorldKeepsEveryNameServerOnLoopback() {
    for (ZoneSpec zone : DemoWorld.world().zones()) {
      for (Record r : zone.records()) {
        if (r.getType() == Type.A && r.getName().toString().startsWith("ns")
            || r.getName().toString().contains("-servers.")) {
          assertThat(r.rdataToString()).as(r.toString()).startsWith("127.53.");
        }
      }
    }
    assertThat(DemoWorld.world().servers())
        .allMatch(s -> s.address().getHostAddress().startsWith("127.53."));
  }
}
