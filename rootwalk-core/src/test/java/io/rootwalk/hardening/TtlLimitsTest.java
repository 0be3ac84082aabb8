package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.ANSWER;
import static io.rootwalk.StepKind.CACHED_ANSWER;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CACHED_NEGATIVE;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FakeTicker;
import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.testing.DemoWorld;
import io.rootwalk.testing.Fault;
import io.rootwalk.testing.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code minTtl} and {@code maxTtl} bound every TTL a resolution carries, the first, fresh answer
 * as much as the cached ones after it: a server that hands out a TTL of 2^31 - 1 must not get its
 * record pinned in the client's cache for 68 years by going through us, and a TTL with the top bit
 * set is 0 (RFC 2181 section 8).
 */
class TtlLimitsTest {

  private static final long ONE_DAY = Duration.ofDays(1).toSeconds();

  private static World world() {
    return DemoWorld.world().toBuilder()
        .extendZone(
            "example.com.",
            """
            forever 2147483647 IN A 192.0.2.1
            alias 2147483647 IN CNAME forever.example.com.
            brief 60 IN A 192.0.2.2
            topbit 300 IN A 192.0.2.3
            """)
        .build();
  }

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab =
      Hardening.lab(world()).configured(b -> b.ticker(ticker).executor(Runnable::run));

  @Test
  void aFreshAnswerWithTheLargestTtlIsCappedAtTheDefaultMaxTtlAsItsCachedCopyIs() {
    Resolution fresh = lab.lookup("forever.example.com", Type.A);

    assertThat(fresh).isNoError().hasAddresses("192.0.2.1");
    assertThat(fresh.answers()).extracting(Record::getTTL).containsExactly(ONE_DAY);

    ticker.advance(Duration.ofSeconds(100));
    Resolution cached = lab.lookup("forever.example.com", Type.A);
    assertThat(cached).hasStepKinds(CACHED_ANSWER);
    assertThat(cached.answers()).extracting(Record::getTTL).containsExactly(ONE_DAY - 100);
  }

  @Test
  void everyLinkOfAFreshAliasChainIsCappedToo() {
    Resolution fresh = lab.lookup("alias.example.com", Type.A);

    assertThat(fresh)
        .isNoError()
        .hasAnswers(
            "alias.example.com. CNAME forever.example.com.", "forever.example.com. A 192.0.2.1");
    assertThat(fresh.answers()).extracting(Record::getTTL).containsOnly(ONE_DAY);
  }

  @Test
  void aConfiguredMaxTtlCapsTheFreshAnswer() {
    Resolver r = lab.resolver(b -> b.maxTtl(Duration.ofMinutes(5)));

    Resolution fresh = r.lookup("forever.example.com", Type.A);
    assertThat(fresh.answers()).extracting(Record::getTTL).containsExactly(300L);

    ticker.advance(Duration.ofMinutes(1));
    assertThat(r.lookup("forever.example.com", Type.A).answers())
        .extracting(Record::getTTL)
        .containsExactly(240L);
  }

  @Test
  void aConfiguredMinTtlRaisesTheFreshAnswerAsItDoesTheCachedOne() {
    Resolver r = lab.resolver(b -> b.minTtl(Duration.ofMinutes(10)));

    Resolution fresh = r.lookup("brief.example.com", Type.A);
    assertThat(fresh.answers()).extracting(Record::getTTL).containsExactly(600L);

    ticker.advance(Duration.ofMinutes(1));
    Resolution cached = r.lookup("brief.example.com", Type.A);
    assertThat(cached).hasStepKinds(CACHED_ANSWER);
    assertThat(cached.answers()).extracting(Record::getTTL).containsExactly(540L);
  }

  @Test
  void aConfiguredMinTtlRaisesTheNegativeTtlOfAFreshDenialAsItDoesTheCachedOne() {
    // The zone's SOA says its denials last a minute.
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(soaLastingOneMinuteOnNxdomain());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(soaLastingOneMinuteOnNxdomain());
    Resolver r = lab.resolver(b -> b.minTtl(Duration.ofMinutes(10)));

    Resolution fresh = r.lookup("nope.example.com", Type.A);
    assertThat(fresh).isNxDomain();
    assertThat(fresh.soa()).get().extracting(Record::getTTL).isEqualTo(600L);

    ticker.advance(Duration.ofMinutes(1));
    Resolution cached = r.lookup("nope.example.com", Type.A);
    assertThat(cached).isNxDomain().hasStepKinds(CACHED_NEGATIVE);
    assertThat(cached.soa()).get().extracting(Record::getTTL).isEqualTo(540L);
  }

  @Test
  void aTtlWithTheTopBitSetIsTreatedAsZeroAndNotCached() {
    // RFC 2181 section 8; dnsjava reads the field unsigned, so this arrives as 2^31 + 300.
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(topBitTtlFor("topbit.example.com."));
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(topBitTtlFor("topbit.example.com."));

    Resolution fresh = lab.lookup("topbit.example.com", Type.A);
    assertThat(fresh).isNoError().hasAddresses("192.0.2.3");
    assertThat(fresh.answers()).extracting(Record::getTTL).containsExactly(0L);

    Resolution again = lab.lookup("topbit.example.com", Type.A);
    assertThat(again)
        .as("a TTL of 0 is used once, never cached")
        .isNoError()
        .sentUpstreamQueries(1);
  }

  @Test
  void aReferralWithTopBitTtlsIsFollowedOnceAndNotCached() {
    // The com. servers' referral to example.com, NS and glue, all with the top bit set: the
    // delegation lasts 0 seconds, so the next lookup walks from the root again.
    lab.server(DemoWorld.A_GTLD).fault(topBitTtlsInReferralsTo("example.com."));
    lab.server(DemoWorld.B_GTLD).fault(topBitTtlsInReferralsTo("example.com."));

    assertThat(lab.lookup("www.example.com", Type.A)).isNoError().hasAddresses("93.184.216.34");
    Resolution mail = lab.lookup("mail.example.com", Type.A);
    assertThat(mail)
        .as("com. is cached, example.com. is not: com. is asked again")
        .isNoError()
        .hasAddresses("93.184.216.50")
        .hasStepKinds(CACHED_DELEGATION, REFERRAL, ANSWER);
  }

  /** Rewrites every NS and glue record of referrals to {@code zone} to carry the top bit. */
  private static Fault topBitTtlsInReferralsTo(String zone) {
    Name child = Name.fromConstantString(zone);
    return Hardening.mutateWhen(
        m -> m.getQuestion() != null && m.getQuestion().getName().subdomain(child),
        m -> {
          for (int section : new int[] {Section.AUTHORITY, Section.ADDITIONAL}) {
            List<Record> records = m.getSection(section);
            m.removeAllRecords(section);
            for (Record r : records) {
              m.addRecord(
                  r.getType() == Type.OPT ? r : withWireTtl(r, 0x8000_0000L + r.getTTL()), section);
            }
          }
        });
  }

  /** Rewrites the answer records for {@code owner} to carry TTL 0x8000012C on the wire. */
  private static Fault topBitTtlFor(String owner) {
    Name name = Name.fromConstantString(owner);
    return Hardening.mutateWhen(
        m -> m.getQuestion() != null && m.getQuestion().getName().equals(name),
        m -> {
          List<Record> answers = m.getSection(Section.ANSWER);
          m.removeAllRecords(Section.ANSWER);
          for (Record r : answers) {
            m.addRecord(withWireTtl(r, 0x8000_0000L + r.getTTL()), Section.ANSWER);
          }
        });
  }

  /** NXDOMAIN responses with the zone's SOA rewritten to a TTL and MINIMUM of 60 seconds. */
  private static Fault soaLastingOneMinuteOnNxdomain() {
    return Hardening.mutateWhen(
        m -> m.getRcode() == Rcode.NXDOMAIN,
        (Message m) -> {
          List<Record> authority = m.getSection(Section.AUTHORITY);
          m.removeAllRecords(Section.AUTHORITY);
          for (Record r : authority) {
            if (r instanceof SOARecord soa) {
              r =
                  new SOARecord(
                      soa.getName(),
                      soa.getDClass(),
                      60,
                      soa.getHost(),
                      soa.getAdmin(),
                      soa.getSerial(),
                      soa.getRefresh(),
                      soa.getRetry(),
                      soa.getExpire(),
                      60);
            }
            m.addRecord(r, Section.AUTHORITY);
          }
        });
  }

  /**
   * {@code record} with {@code ttl} written into its TTL field. dnsjava's constructors refuse a TTL
   * above 2^31 - 1, but its wire parser takes any 32-bit value, as a server may send it.
   */
  private static Record withWireTtl(Record record, long ttl) {
    byte[] wire = record.toWire(Section.ANSWER);
    int at = record.getName().length() + 4;
    wire[at] = (byte) (ttl >>> 24);
    wire[at + 1] = (byte) (ttl >>> 16);
    wire[at + 2] = (byte) (ttl >>> 8);
    wire[at + 3] = (byte) ttl;
    try {
      return Record.fromWire(wire, Section.ANSWER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
