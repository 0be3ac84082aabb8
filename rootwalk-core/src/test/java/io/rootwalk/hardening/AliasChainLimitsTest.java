package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.FakeTicker;
import io.rootwalk.LabResolvers;
import io.rootwalk.Limits;
import io.rootwalk.Resolution;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Every CNAME link counts toward {@code maxAliasHops}, however the chain arrives: one link per
 * response, eight at a time as an authoritative server follows its own zone, all fifty in one
 * response, from the cache, or partly each. A server that packs a long chain into one answer must
 * not get more out of us than one that hands it out link by link (the chain-length limit of
 * Unbound's {@code MAX_RESTART_COUNT}, which one response used to bypass).
 */
class AliasChainLimitsTest {

  /** The zone's chain: long0 CNAME long1 ... long49 CNAME long50, long50 A {@value #END}. */
  private static final int LINKS = 50;

  private static final String END = "192.0.2.50";

  private static final int MAX = Limits.DEFAULT.maxAliasHops();

  private static World world() {
    StringBuilder chain = new StringBuilder();
    for (int i = 0; i < LINKS; i++) {
      chain.append("long" + i + " 3600 IN CNAME long" + (i + 1) + ".example.com.\n");
    }
    chain.append("long" + LINKS + " 3600 IN A " + END + "\n");
    return DemoWorld.world().toBuilder().extendZone("example.com.", chain.toString()).build();
  }

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      Hardening.lab(world()).configured(b -> b.ticker(ticker).executor(Runnable::run));

  @Test
  void fiftyLinksInOneResponseExceedMaxAliasHops() {
    packWholeChains();

    Resolution r = lab.lookup("long0.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.failure().orElseThrow().detail())
        .contains("maxAliasHops (" + MAX + ")")
        .contains(LINKS + " alias links");
    assertThat(r.answers()).as("none of the chain is answered").isEmpty();
  }

  @Test
  void theSameChainReadBackFromTheCacheFailsTheSameWay() {
    packWholeChains();
    assertThat(lab.lookup("long0.example.com", Type.A)).isServFail(FailureReason.LIMIT_EXCEEDED);

    Resolution cached = lab.lookup("long0.example.com", Type.A);

    assertThat(cached).isServFail(FailureReason.LIMIT_EXCEEDED).sentUpstreamQueries(0);
    assertThat(cached.failure().orElseThrow().detail()).contains("maxAliasHops (" + MAX + ")");
  }

  @Test
  void aChainOfExactlyMaxAliasHopsInOneResponseResolvesAndEveryLinkIsCounted() {
    packWholeChains();
    int first = LINKS - MAX; // long39: 11 links to long50

    Resolution r = lab.lookup("long" + first + ".example.com", Type.A);

    assertThat(r).isNoError().hasAddresses(END);
    assertThat(r.answers()).hasSize(MAX + 1);
    assertThat(r.trace().spent().aliasHops()).isEqualTo(MAX);
    assertThat(lab.lookup("long" + (first - 1) + ".example.com", Type.A))
        .as("one link more")
        .isServFail(FailureReason.LIMIT_EXCEEDED);
  }

  @Test
  void aChainServedEightLinksPerResponseCountsEveryLink() {
    // The lab's servers follow eight in-zone links per answer; before, each response counted once.
    Resolution r = lab.lookup("long0.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.trace().spent().aliasHops()).isEqualTo(8);
    assertThat(r.answers()).as("the links taken before the limit").hasSize(8);
  }

  @Test
  void aChainPartlyFromTheCacheCountsCachedAndFreshLinksAlike() {
    // long44 .. long50: six links in one response, within the limit, now cached.
    assertThat(lab.lookup("long44.example.com", Type.A)).isNoError().hasAddresses(END);

    // long38: eight fresh links to long46, then four cached ones to long50.
    Resolution r = lab.lookup("long38.example.com", Type.A);

    assertThat(r).isServFail(FailureReason.LIMIT_EXCEEDED);
    assertThat(r.trace().spent().aliasHops()).isLessThanOrEqualTo(MAX);
  }

  /** Both example.com servers answer a longN question with the whole chain from longN on. */
  private void packWholeChains() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(wholeChain());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(wholeChain());
  }

  private static Fault wholeChain() {
    return Fault.mutate(
        m -> {
          String first = m.getQuestion().getName().getLabelString(0);
          if (!first.startsWith("long") || m.getQuestion().getType() != Type.A) {
            return m;
          }
          m.removeAllRecords(Section.ANSWER);
          for (int i = Integer.parseInt(first.substring(4)); i < LINKS; i++) {
            m.addRecord(new CNAMERecord(link(i), DClass.IN, 3600, link(i + 1)), Section.ANSWER);
          }
          m.addRecord(
              new ARecord(link(LINKS), DClass.IN, 3600, Hardening.address(END)), Section.ANSWER);
          return m;
        });
  }

  private static Name link(int i) {
    return Hardening.name("long" + i + ".example.com.");
  }
}
