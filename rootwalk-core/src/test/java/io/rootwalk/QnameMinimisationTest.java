package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
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

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world()).configured(b -> b.qnameMinimisation(true));

  @Test
  void theRootAndComSeeOnlyTheLabelsTheyNeed() {
    Resolution res = lab.lookup("www.example.com", Type.MX);

    assertThat(res)
        .isNoData()
        .trace()
        .sentQuestions()
        .containsExactly(". NS", "com. A", "example.com. A", "www.example.com. MX");
    assertThat(queriesTo(DemoWorld.A_ROOT_ADDRESS, "127.53.0.2"))
        .as("no root server ever sees www")
        .noneMatch(q -> q.contains("www"));
  }

  @Test
  void emptyNonTerminalsAreWalkedOneLabelAtATime() {
    Resolution res = lab.lookup("leaf.ent.deep.example.net", Type.TXT);

    assertThat(res)
        .isNoData()
        .trace()
        .sentQuestions()
        .containsSubsequence(
            "deep.example.net. A", "ent.deep.example.net. A", "leaf.ent.deep.example.net. TXT");
  }

  @Test
  void anNxdomainForAProbeHasTheSameServerAskedTheFullNameOnceBeforeItCounts() {
    // Changed on purpose (issue: the real world's servers): an NXDOMAIN for a minimised probe
    // used to end the lookup, which a server that mishandles empty non-terminals turns into a
    // wrong answer. RFC 9156 section 3: the same server is asked the full name once, and that
    // answer counts.
    Resolution res = lab.lookup("x.y.nope.example.com", Type.A);

    assertThat(res).isNxDomain();
    assertThat(res.trace().exchanges())
        .extracting(e -> e.sent().toString())
        .endsWith("nope.example.com. A", "x.y.nope.example.com. A");
    assertThat(res).trace().lastExchange().wentToSameServerAs(res.trace().exchanges().size() - 2);
    assertThat(lab.lookup("z.x.y.nope.example.com", Type.A))
        .as("RFC 8020 from the cache, below the name the server confirmed")
        .isNxDomain()
        .sentUpstreamQueries(0);
  }

  @Test
  void manyLabelsInOneZoneCostAtMostTenProbes() {
    Resolution res = lab.lookup("a.b.c.d.e.f.g.h.i.j.k.l.wild.example.net", Type.A);

    assertThat(res).isNoError();
    long probes =
        res.trace().exchanges().stream()
            .filter(
                e -> e.sent().type() == Type.A && !e.sent().name().toString().startsWith("a.b."))
            .count();
    assertThat(probes).isLessThanOrEqualTo(10);
  }

  private List<String> queriesTo(String... addresses) {
    return lab.get().queries().stream()
        .filter(q -> List.of(addresses).contains(q.server().getHostAddress()))
        .map(RecordedQuery::toString)
        .collect(Collectors.toList());
  }
}
