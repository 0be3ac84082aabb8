package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.RecordedQuery;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * RFC 9156: with minimisation on, each server sees only one label more than the zone it serves,
 * asked as type A, and only the authoritative server sees the full name and the real type.
 */
class QnameMinimisationTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  private Resolver resolver() {
    return LabResolvers.builderFor(lab.get()).qnameMinimisation(true).build();
  }

  @Test
  void theRootAndComSeeOnlyTheLabelsTheyNeed() {
    try (Resolver r = resolver()) {
      Resolution res = r.lookup("www.example.com", Type.MX);

      assertThat(res).isNoData();
      assertThat(sent(res)).containsExactly(". NS", "com. A", "example.com. A", "www.example.com. MX");
      assertThat(queriesTo(DemoWorld.A_ROOT_ADDRESS, "127.53.0.2"))
          .as("no root server ever sees www").noneMatch(q -> q.contains("www"));
    }
  }

  @Test
  void emptyNonTerminalsAreWalkedOneLabelAtATime() {
    try (Resolver r = resolver()) {
      Resolution res = r.lookup("leaf.ent.deep.example.net", Type.TXT);

      assertThat(res).isNoData();
      assertThat(sent(res)).containsSubsequence("deep.example.net. A", "ent.deep.example.net. A",
          "leaf.ent.deep.example.net. TXT");
    }
  }

  @Test
  void anNxdomainForAProbeEndsTheLookupForEverythingBelowIt() {
    try (Resolver r = resolver()) {
      Resolution res = r.lookup("x.y.nope.example.com", Type.A);

      assertThat(res).isNxDomain();
      assertThat(sent(res)).last().isEqualTo("nope.example.com. A");
      assertThat(r.lookup("z.nope.example.com", Type.A)).as("RFC 8020 from the cache").isNxDomain()
          .sentUpstreamQueries(0);
    }
  }

  @Test
  void manyLabelsInOneZoneCostAtMostTenProbes() {
    try (Resolver r = resolver()) {
      Resolution res = r.lookup("a.b.c.d.e.f.g.h.i.j.k.l.wild.example.net", Type.A);

      assertThat(res).isNoError();
      long probes = res.trace().exchanges().stream().filter(e -> e.sent().type() == Type.A
          && !e.sent().name().toString().startsWith("a.b.")).count();
      assertThat(probes).isLessThanOrEqualTo(10);
    }
  }

  private static List<String> sent(Resolution res) {
    return res.trace().exchanges().stream().map(e -> e.sent().toString()).collect(Collectors.toList());
  }

  private List<String> queriesTo(String... addresses) {
    return lab.get().queries().stream()
        .filter(q -> List.of(addresses).contains(q.server().getHostAddress()))
        .map(RecordedQuery::toString).collect(Collectors.toList());
  }
}
