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
 * RFC 9156: with minimisation on, as it is by default, each server sees only one label more than
 * the zone it serves, asked as type A, and only the authoritative server sees the full name and the
 * real type.
 */
class QnameMinimisationTest {

  /** A resolver as the builder makes it: minimising, relaxed. */
  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

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

  @Test
  void byDefaultNoServerAboveTheZoneEverSeesTheFullName() {
    Resolution res = lab.lookup("v2.api.example.com", Type.AAAA);

    assertThat(res).isNoData();
    assertThat(lab.get().queries())
        .filteredOn(q -> q.qname().toString().equals("v2.api.example.com."))
        .as("only api.example.com's servers are asked the full name, with the real type")
        .isNotEmpty()
        .allSatisfy(
            q -> {
              assertThat(q.server().getHostAddress()).startsWith("127.53.11.");
              assertThat(q.qtype()).isEqualTo(Type.AAAA);
            });
    assertThat(queriesTo(DemoWorld.A_ROOT_ADDRESS, DemoWorld.B_ROOT_ADDRESS))
        .as("the root is asked the priming query and com. A, nothing more")
        .allMatch(q -> q.contains(". NS") || q.contains("com. A"))
        .noneMatch(q -> q.contains("example"));
  }

  @Test
  void offSendsEveryServerTheFullNameAsBefore() {
    Resolution res =
        lab.resolver(b -> b.qnameMinimisation(QnameMinimisation.OFF))
            .lookup("www.example.com", Type.MX);

    assertThat(res)
        .isNoData()
        .trace()
        .sentQuestions()
        .containsExactly(
            ". NS", "www.example.com. MX", "www.example.com. MX", "www.example.com. MX");
  }

  @Test
  void strictTakesAProbesNxdomainForEveryNameBelowItAndNeverSendsTheFullName() {
    Resolution res =
        lab.resolver(b -> b.qnameMinimisation(QnameMinimisation.STRICT))
            .lookup("x.y.nope.example.com", Type.A);

    assertThat(res).isNxDomain();
    assertThat(res.canonicalName()).hasToString("x.y.nope.example.com.");
    assertThat(res)
        .trace()
        .sentQuestions()
        .containsExactly(". NS", "com. A", "example.com. A", "nope.example.com. A");
    assertThat(lab.get().queries())
        .extracting(q -> q.qname().toString())
        .as("RFC 8020: nope.example.com's NXDOMAIN denies everything below it")
        .noneMatch(n -> n.startsWith("x.") || n.startsWith("y."));
  }

  private List<String> queriesTo(String... addresses) {
    return lab.get().queries().stream()
        .filter(q -> List.of(addresses).contains(q.server().getHostAddress()))
        .map(RecordedQuery::toString)
        .collect(Collectors.toList());
  }
}
