package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CNAME;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.ResolverInternals;
import io.rootwalk.StepKind;
import io.rootwalk.net.NioTransport;
import io.rootwalk.spi.Protocol;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.LabServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * RFC 5452: a response is accepted only if its ID, question and source match what was sent;
 * anything else is dropped and the resolver keeps waiting for the real answer.
 */
class Rfc5452ForgedAnswersTest {

  @RegisterExtension final LabResolvers lab = Hardening.lab(DemoWorld.world());

  @Test
  void forgedDatagramsWithWrongIdOrQuestionBeforeEveryRealAnswerAreIgnored() {
    for (LabServer server : lab.get().servers()) {
      server.fault(Fault.spoofFirst());
    }

    Resolution r = lab.lookup("www.example.com", Type.A);
    Resolution blog = lab.lookup("blog.example.com", Type.A);

    assertThat(r)
        .isNoError()
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, ANSWER)
        .sentUpstreamQueries(4);
    assertThat(blog)
        .isNoError()
        .hasAddresses("192.0.2.30")
        .hasStepKinds(CACHED_DELEGATION, CNAME, CACHED_DELEGATION, REFERRAL, ANSWER);
    for (Resolution res : new Resolution[] {r, blog}) {
      assertThat(res).trace().hasNoStepOfKind(StepKind.MALFORMED, StepKind.TIMEOUT, StepKind.LAME);
      assertThat(res.answers())
          .extracting(Record::rdataToString)
          .doesNotContain(Fault.SPOOFED_ADDRESS);
    }
    assertThat(
            ResolverInternals.cache(lab.resolver())
                .rrsets()
                .get(Hardening.name("forged.www.example.com."), Type.A))
        .as("the wrong-question forgery was not cached")
        .isEmpty();
    assertThat(lab.lookup("www.example.com", Type.A))
        .hasStepKinds(StepKind.CACHED_ANSWER)
        .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS);
  }

  @Test
  void aDatagramFromAnotherAddressIsIgnoredAndTheRealAnswerAccepted() throws Exception {
    try (DatagramSocket server = new DatagramSocket(new InetSocketAddress("127.53.99.1", 0));
        DatagramSocket spoofer = new DatagramSocket(new InetSocketAddress("127.53.99.2", 0));
        NioTransport transport = new NioTransport()) {
      server.setSoTimeout(3000);
      Message query =
          Message.newQuery(Record.newRecord(Hardening.name("www.example.com."), Type.A, DClass.IN));
      CompletableFuture<Message> response =
          transport.send(
              query,
              (InetSocketAddress) server.getLocalSocketAddress(),
              Protocol.UDP,
              Duration.ofSeconds(2));

      DatagramPacket received = new DatagramPacket(new byte[1500], 1500);
      server.receive(received);
      Message got = new Message(java.util.Arrays.copyOf(received.getData(), received.getLength()));
      byte[] forged = answer(got, Fault.SPOOFED_ADDRESS);
      spoofer.send(new DatagramPacket(forged, forged.length, received.getSocketAddress()));
      byte[] real = answer(got, "93.184.216.34");
      server.send(new DatagramPacket(real, real.length, received.getSocketAddress()));

      Message m = response.get(3, TimeUnit.SECONDS);
      assertThat(m.getSection(Section.ANSWER))
          .extracting(Record::rdataToString)
          .containsExactly("93.184.216.34");
    }
  }

  private static byte[] answer(Message query, String address) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(query.getQuestion(), Section.QUESTION);
    m.addRecord(
        new ARecord(query.getQuestion().getName(), DClass.IN, 300, Hardening.address(address)),
        Section.ANSWER);
    return m.toWire();
  }
}
