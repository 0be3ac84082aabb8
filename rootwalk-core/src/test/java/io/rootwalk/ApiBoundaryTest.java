package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** Misuse is an IllegalArgumentException that names the problem, before any packet is sent. */
class ApiBoundaryTest {

  @Test
  void malformedNamesAreRejected() {
    assertThatThrownBy(() -> Question.of("www..example.com", Type.A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty label");
    assertThatThrownBy(() -> Question.of("", Type.A)).hasMessageContaining("empty domain name");
    assertThatThrownBy(() -> Question.of("a".repeat(64) + ".com", Type.A))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed domain name");
    assertThatThrownBy(() -> Question.of(("abcdefghi.".repeat(26)), Type.A))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownAndMetaTypesAreRejected() {
    assertThatThrownBy(() -> Question.of("example.com", "BOGUS"))
        .hasMessage("unknown record type: BOGUS");
    assertThatThrownBy(() -> Question.of("example.com", "AXFR"))
        .hasMessageContaining("cannot be resolved");
    assertThatThrownBy(() -> Question.of("example.com", 0)).hasMessageContaining("out of range");
    assertThat(Question.of("example.com", "aaaa").type()).isEqualTo(Type.AAAA);
    assertThat(Question.of("example.com", "TYPE65").type()).isEqualTo(65);
    assertThat(Question.of("Example.COM", Type.A).name()).hasToString("Example.COM.");
  }

  @Test
  void builderSettersNameTheFieldAndValue() {
    ResolverBuilder b = Resolver.builder(); // never built: only the setters' checks run
    assertThatThrownBy(() -> b.upstreamPort(0))
        .hasMessage("upstreamPort must be in 1..65535 but was 0");
    assertThatThrownBy(() -> b.deadline(Duration.ZERO))
        .hasMessage("deadline must be positive but was PT0S");
    assertThatThrownBy(() -> b.ednsPayloadSize(100)).hasMessageContaining("ednsPayloadSize");
    assertThatThrownBy(() -> b.failureHold(Duration.ofMillis(10), Duration.ofSeconds(5)))
        .hasMessageContaining("at least 1 s");
    assertThatThrownBy(() -> new Limits(0, 1, 1, 1, 1, 1, 1))
        .hasMessage("maxUpstreamQueries must be >= 1 but was 0");
  }

  @Test
  void rootHintsParseNamedRootAndRejectEmptyOrMissingFiles(@TempDir Path dir) throws Exception {
    // Parsed only: no resolver is built on these hints, so no packet goes to the real root.
    RootHints iana = RootHints.iana();
    assertThat(iana.servers()).hasSize(13);
    assertThat(iana.allLoopback()).isFalse();
    assertThat(iana.servers().get(0).addresses()).hasSize(2);

    Path lab = dir.resolve("lab.root");
    Files.writeString(lab, ". 3600000 NS a.lab.\na.lab. 3600000 A 127.9.0.1\n");
    RootHints hints = RootHints.fromFile(lab);
    assertThat(hints.servers())
        .singleElement()
        .extracting(s -> s.name().toString())
        .isEqualTo("a.lab.");
    assertThat(hints.allLoopback()).isTrue();

    Path empty = dir.resolve("empty.root");
    Files.writeString(empty, "; nothing\n");
    assertThatThrownBy(() -> RootHints.fromFile(empty)).hasMessageContaining("name no root server");
    assertThatThrownBy(() -> RootHints.fromFile(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read root hints file");
    Path garbage = dir.resolve("garbage.root");
    Files.writeString(garbage, ". 3600000 NS\n<<<>>>\n");
    assertThatThrownBy(() -> RootHints.fromFile(garbage)).hasMessageContaining("do not parse");
  }
}
