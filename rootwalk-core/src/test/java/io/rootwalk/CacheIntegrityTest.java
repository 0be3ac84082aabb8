package io.rootwalk;

import static io.rootwalk.ResolutionAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.Fault;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What may and may not end up in the cache when servers, time and concurrent walks conspire:
 * expired delegations stay dead, non-authoritative claims are not believed, alias targets do not
 * outrank their own zone's data, and one name's failure does not condemn its zone.
 */
class CacheIntegrityTest {

  @RegisterExtension final DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());

  @Test
  void aDelegationThatExpiresDuringAChaseIsNotBroughtBack() throws Exception {
    FakeTicker ticker = new FakeTicker();
    try (Resolver r =
        LabResolvers.builderFor(lab.get())
            .ticker(ticker)
            .maxTtl(Duration.ofSeconds(30))
            .deadline(Duration.ofMinutes(30))
            .build()) {
      Name www = Name.fromString("www.shop.com.");
      ResolutionListener slowChase =
          new ResolutionListener() {
            private boolean once;

            @Override
            public ResolutionListener chaseStarted(Name zoneCut, Name nameServer, int type) {
              if (!once && zoneCut.toString().equals("shop.com.")) {
                once = true;
                ticker.advance(Duration.ofSeconds(40)); // the 30 s delegation expires mid-chase
              }
              return NONE;
            }
          };
      assertThat(r.lookup(Question.of("www.shop.com", Type.A), slowChase)).isNoError();

      assertThat(r.closestZoneCut(www))
          .get()
          .as("Ghost domain names: the expired cut must stay gone")
          .extracting(ZoneCut::zone)
          .isNotEqualTo(Name.fromString("shop.com."));
    }
  }

  @Test
  void aNonAuthoritativeNxdomainCarryingAnAliasIsLameNotAnAnswer() throws Exception {
    Name blog = Name.fromString("blog.example.com.");
    Fault forge =
        Fault.mutate(
            m -> {
              if (!blog.equals(m.getQuestion().getName())) {
                return m;
              }
              Message r = new Message(m.getHeader().getID());
              r.getHeader().setFlag(Flags.QR);
              r.getHeader().setRcode(Rcode.NXDOMAIN); // AA clear: a lame or caching server's claim
              r.addRecord(m.getQuestion(), Section.QUESTION);
              r.addRecord(
                  new CNAMERecord(
                      blog, DClass.IN, 86400, Name.fromConstantString("ns1.tumblr.com.")),
                  Section.ANSWER);
              return r;
            });
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(forge);
    lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(forge);
    try (Resolver r = LabResolvers.builderFor(lab.get()).build()) {
      Resolution res = r.lookup("blog.example.com", Type.A);

      assertThat(res).isServFail(FailureReason.ALL_SERVERS_LAME);
      assertThat(ResolverInternals.cache(r).rrsets().get(blog, Type.CNAME)).isEmpty();
    }
  }

  @Test
  void aliasTargetsVouchedForByAnotherZoneDoNotDisplaceThatZonesOwnData() throws Exception {
    Name v2 = Name.fromString("v2.api.example.com.");
    try (Resolver r = LabResolvers.builderFor(lab.get()).build()) {
      assertThat(r.lookup("v2.api.example.com", Type.A)).hasAddresses("192.0.2.20");
      // example.com.'s servers now claim an alias into api.example.com. with a forged target A.
      UnaryOperator<Message> alias =
          m -> {
            if (!m.getQuestion().getName().toString().equals("www.example.com.")) {
              return m;
            }
            try {
              m.removeAllRecords(Section.ANSWER);
              m.addRecord(
                  new CNAMERecord(m.getQuestion().getName(), DClass.IN, 300, v2), Section.ANSWER);
              m.addRecord(
                  new ARecord(v2, DClass.IN, 300, InetAddress.getByName("6.6.6.6")),
                  Section.ANSWER);
            } catch (java.net.UnknownHostException e) {
              throw new AssertionError(e);
            }
            return m;
          };
      lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.mutate(alias));
      lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(Fault.mutate(alias));

      r.lookup("www.example.com", Type.A);

      assertThat(r.lookup("v2.api.example.com", Type.A))
          .as("the child's authoritative RRset stands")
          .hasAddresses("192.0.2.20")
          .hasStepKinds(StepKind.CACHED_ANSWER);
    }
  }

  @Test
  void aCnameQuestionBelowADnameIsAnsweredWithTheSynthesizedCname() {
    try (Resolver r = LabResolvers.builderFor(lab.get()).build()) {
      Resolution res = r.lookup("www.org.example.net", Type.CNAME);

      assertThat(res).isNoError();
      assertThat(res.answers())
          .extracting(rec -> Type.string(rec.getType()))
          .containsExactly("DNAME", "CNAME");
      assertThat(res.canonicalName()).hasToString("www.org.example.net.");
    }
  }

  @Test
  void aServfailForOneNameDoesNotHoldTheWholeZoneButAnUnreachableZoneIsHeld() throws Exception {
    Name bad = Name.fromString("bad.example.com.");
    Fault servfailForBad =
        Fault.mutate(
            m -> {
              if (!bad.equals(m.getQuestion().getName())) {
                return m;
              }
              Message r = new Message(m.getHeader().getID());
              r.getHeader().setFlag(Flags.QR);
              r.getHeader().setRcode(Rcode.SERVFAIL);
              r.addRecord(m.getQuestion(), Section.QUESTION);
              return r;
            });
    lab.get().server(DemoWorld.NS1_EXAMPLE_COM).fault(servfailForBad);
    lab.get().server(DemoWorld.NS2_EXAMPLE_COM).fault(servfailForBad);
    try (Resolver r = LabResolvers.builderFor(lab.get()).build()) {
      assertThat(r.lookup("bad.example.com", Type.A)).isServFail(FailureReason.ALL_SERVERS_LAME);

      assertThat(r.lookup("bad.example.com", Type.A))
          .as("that question is held (RFC 9520)")
          .isServFail(FailureReason.CACHED_FAILURE)
          .sentUpstreamQueries(0);
      assertThat(r.lookup("www.example.com", Type.A))
          .as("the zone is not")
          .isNoError()
          .hasAddresses(DemoWorld.EXAMPLE_COM_ADDRESS);
    }
  }
}
