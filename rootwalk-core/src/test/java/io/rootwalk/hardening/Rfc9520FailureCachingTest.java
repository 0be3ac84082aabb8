package io.rootwalk.hardening;

import static io.rootwalk.ResolutionAssert.assertThat;
import static io.rootwalk.StepKind.CACHED_DELEGATION;
import static io.rootwalk.StepKind.CACHED_FAILURE;
import static io.rootwalk.StepKind.LAME;
import static io.rootwalk.StepKind.PRIMING;
import static io.rootwalk.StepKind.REFERRAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.FailureReason;
import io.rootwalk.FakeTicker;
import io.rootwalk.LabResolvers;
import io.rootwalk.Resolution;
import io.rootwalk.testing.DemoWorld;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * RFC 9520: when every server of a zone failed, the failure is remembered (at least 1 s, doubling
 * on repeats) and lookups into the zone fail at once instead of hammering it again.
 */
class Rfc9520FailureCachingTest {

  private final FakeTicker ticker = new FakeTicker();

  @RegisterExtension
  final LabResolvers lab = Hardening.lab(DemoWorld.world()).configured(b -> b.ticker(ticker));

  @Test
  void aZoneWhoseServersAllFailedIsNotAskedAgainUntilTheHoldTimePasses() {
    lab.resolver(
        b -> b.failureHold(Duration.ofSeconds(1), Duration.ofMinutes(5))); // doubling from 1 s

    Resolution first = lab.lookup("www.dead.com", Type.A);
    assertThat(first)
        .isServFail(FailureReason.ALL_SERVERS_LAME)
        .hasStepKinds(PRIMING, REFERRAL, REFERRAL, LAME, LAME);
    int afterFirst = lab.get().queryCount();

    Resolution held = lab.lookup("mail.dead.com", Type.A);
    assertThat(held)
        .isServFail(FailureReason.CACHED_FAILURE)
        .hasStepKinds(CACHED_DELEGATION, CACHED_FAILURE)
        .sentUpstreamQueries(0);
    assertThat(lab.get().queryCount()).isEqualTo(afterFirst);

    ticker.advance(Duration.ofMillis(1500));
    Resolution retried = lab.lookup("ftp.dead.com", Type.A);
    assertThat(retried)
        .isServFail(FailureReason.ALL_SERVERS_LAME)
        .hasStepKinds(CACHED_DELEGATION, LAME, LAME);
    assertThat(lab.get().queryCount()).isEqualTo(afterFirst + 2);

    // The repeat failure doubled the hold to 2 s: 1.5 s later it still holds.
    ticker.advance(Duration.ofMillis(1500));
    assertThat(lab.lookup("www.dead.com", Type.A)).isServFail(FailureReason.CACHED_FAILURE);
    ticker.advance(Duration.ofMillis(1000));
    assertThat(lab.lookup("www.dead.com", Type.A)).isServFail(FailureReason.ALL_SERVERS_LAME);
  }

  @Test
  void aZoneThatTimedOutIsHeldTooAndOtherZonesAreUnaffected() {
    lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(io.rootwalk.testing.Fault.drop());
    lab.server(DemoWorld.NS2_EXAMPLE_COM).fault(io.rootwalk.testing.Fault.drop());

    assertThat(lab.lookup("www.example.com", Type.A)).isServFail(FailureReason.TIMEOUT);
    int after = lab.get().queryCount();

    assertThat(lab.lookup("mail.example.com", Type.A))
        .isServFail(FailureReason.CACHED_FAILURE)
        .sentUpstreamQueries(0);
    assertThat(lab.get().queryCount()).isEqualTo(after);
    assertThat(lab.lookup("example.tumblr.com", Type.A)).isNoError().hasAddresses("192.0.2.30");
  }
}
