package io.rootwalk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.testing.ManyZonesWorld.Outcome;
import io.rootwalk.testing.ManyZonesWorld.Question;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The wide world, walked by hand: root, TLD referral, then the zone's own servers. */
class ManyZonesWorldTest {

  @Test
  void theTldRefersEachZoneToTheSharedHostsAndTheyAnswerEveryQuestionAsListed() {
    try (DnsLab lab = DnsLab.start(ManyZonesWorld.world(3))) {
      // The root refers test. to its servers with glue.
      Message root = Dig.udp(lab.address("a.root.test."), "www.z2.test.", Type.A);
      assertThat(root.getSection(Section.AUTHORITY))
          .extracting(r -> r.getName().toString())
          .containsOnly("test.");
      // The TLD refers z2.test. to the two shared hosts, glued from its own zone.
      Message tld = Dig.udp(lab.address("a.tld.test."), "www.z2.test.", Type.A);
      assertThat(tld.getHeader().getFlag(Flags.AA)).isFalse();
      assertThat(tld.getSection(Section.AUTHORITY))
          .extracting(r -> r.getName() + " " + r.rdataToString())
          .containsExactlyInAnyOrder("z2.test. a.ns.test.", "z2.test. b.ns.test.");
      assertThat(tld.getSection(Section.ADDITIONAL))
          .extracting(r -> r.getName() + " " + r.rdataToString())
          .containsExactlyInAnyOrder("a.ns.test. 127.58.2.1", "b.ns.test. 127.58.2.2");

      // Each host answers every listed question of every zone with the listed outcome.
      List<Question> questions = ManyZonesWorld.questions(3);
      assertThat(questions).hasSize(12).doesNotHaveDuplicates();
      for (String host : List.of("a.ns.test.", "b.ns.test.")) {
        for (Question q : questions) {
          Message m = Dig.udp(lab.address(host), q.name(), Type.value(q.type()));
          assertThat(m.getHeader().getFlag(Flags.AA)).as("%s %s", host, q).isTrue();
          assertThat(outcome(m)).as("%s %s", host, q).isEqualTo(q.outcome());
        }
      }
    }
  }

  @Test
  void aWorldWithoutZonesIsRefused() {
    assertThatThrownBy(() -> ManyZonesWorld.world(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zones must be positive");
  }

  private static Outcome outcome(Message m) {
    if (m.getRcode() == Rcode.NXDOMAIN) {
      return Outcome.NXDOMAIN;
    }
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    return m.getSection(Section.ANSWER).isEmpty() ? Outcome.NODATA : Outcome.ANSWER;
  }
}
