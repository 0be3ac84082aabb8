package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static io.rootwalk.StepKind.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.RecordedQuery;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** draft-vixie-dnsext-dns0x20: random letter case in query names, echoed exactly or dropped. */
class Dns0x20Test {

  @RegisterExtension
  final LabResolvers lab = Hardening.lab(DemoWorld.world()).configured(b -> b.use0x20(true));

  @Test
  void queriesCarryMixedCaseAndAnswersComeBackInTheCanonicalCase() {
    Resolution r = lab.lookup("www.example.com", Type.A);
    Resolution blog = lab.lookup("blog.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
        .hasAnswers("www.example.com. A 93.184.216.34");
    assertThat(r.answers().get(0).getName().toString()).isEqualTo("www.example.com.");
    assertThat(blog)
        .isNoError()
        .hasAnswers(
            "blog.example.com. CNAME example.tumblr.com.", "example.tumblr.com. A 192.0.2.30");
    assertThat(blog.answers())
        .extracting(x -> x.getName().toString())
        .containsExactly("blog.example.com.", "example.tumblr.com.");
    List<RecordedQuery> sent = lab.get().queries();
    assertThat(sent)
        .anySatisfy(
            q ->
                assertThat(q.qname().toString())
                    .isNotEqualTo(q.qname().toString().toLowerCase(Locale.ROOT)));
    assertThat(lab.lookup("WWW.Example.COM", Type.A))
        .hasStepKinds(io.rootwalk.StepKind.CACHED_ANSWER);
  }

  @Test
  void aServerThatDoesNotEchoTheCaseIsTreatedAsForgedAndTheOtherServerAnswers() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(Dns0x20Test::lowerCaseQuestion));

    Resolution r = lab.lookup("www.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, TIMEOUT, ANSWER)
        .trace()
        .exchange(3)
        .wentTo(DemoWorld.NS1_EXAMPLE_COM);
  }

  private static Message lowerCaseQuestion(Message m) {
    Record q = m.getQuestion();
    Name lower = Hardening.name(q.getName().toString().toLowerCase(Locale.ROOT));
    if (lower.toString().equals(q.getName().toString())) {
      // Force a mismatch even if the random case happened to be all lower case.
      lower = Hardening.name(q.getName().toString().toUpperCase(Locale.ROOT));
    }
    m.removeAllRecords(Section.QUESTION);
    m.addRecord(Record.newRecord(lower, q.getType(), q.getDClass()), Section.QUESTION);
    return m;
  }
}
