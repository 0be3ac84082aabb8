package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The merge rules of {@link HostAddresses} for outcomes a lab makes awkward: both lookups failing
 * for different reasons, a DNAME overflow, and values that contradict themselves.
 */
class HostAddressesTest {

  private static final Name HOST = Name.fromConstantString("host.example.");
  private static final Trace NO_TRACE = new Trace(List.of(), 0, Duration.ZERO, WorkSpent.NONE);

  @Test
  void whenBothFailThePreferredFamilySpeaks() {
    Optional<Resolution> a = Optional.of(servFail(Type.A, FailureReason.TIMEOUT));
    Optional<Resolution> aaaa = Optional.of(servFail(Type.AAAA, FailureReason.ALL_SERVERS_LAME));

    assertThat(HostAddresses.merge(HOST, IpFamilyPolicy.ANY, a, aaaa).failure())
        .map(Failure::reason)
        .contains(FailureReason.ALL_SERVERS_LAME);
    assertThat(HostAddresses.merge(HOST, IpFamilyPolicy.PREFER_IPV4, a, aaaa).failure())
        .map(Failure::reason)
        .contains(FailureReason.TIMEOUT);
  }

  @Test
  void nxDomainOutranksAFailureOfTheOtherType() {
    HostAddresses host =
        HostAddresses.merge(
            HOST,
            IpFamilyPolicy.ANY,
            Optional.of(negative(Type.A, Status.NXDOMAIN, Rcode.NXDOMAIN)),
            Optional.of(servFail(Type.AAAA, FailureReason.TIMEOUT)));

    assertThat(host.status()).isEqualTo(Status.NXDOMAIN);
    assertThat(host.failure()).isEmpty();
  }

  @Test
  void aDnameOverflowIsYxDomain() {
    HostAddresses host =
        HostAddresses.merge(
            HOST,
            IpFamilyPolicy.IPV4_ONLY,
            Optional.of(negative(Type.A, Status.YXDOMAIN, Rcode.YXDOMAIN)),
            Optional.empty());

    assertThat(host.status()).isEqualTo(Status.YXDOMAIN);
    assertThat(host.ipv6()).isEmpty();
  }

  @Test
  void contradictoryValuesAreRejected() {
    Optional<Resolution> a = Optional.of(negative(Type.A, Status.NODATA, Rcode.NOERROR));
    assertThatThrownBy(
            () ->
                new HostAddresses(
                    HOST, Status.SERVFAIL, HOST, List.of(), Optional.empty(), a, Optional.empty()))
        .hasMessageContaining("exactly when status is SERVFAIL");
    assertThatThrownBy(
            () ->
                new HostAddresses(
                    HOST, Status.NOERROR, HOST, List.of(), Optional.empty(), a, Optional.empty()))
        .hasMessageContaining("exactly when status is NOERROR");
    assertThatThrownBy(
            () ->
                new HostAddresses(
                    HOST,
                    Status.NODATA,
                    HOST,
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageContaining("at least one");
    assertThatThrownBy(
            () ->
                new HostAddresses(
                    HOST, Status.NODATA, HOST, List.of(), Optional.empty(), Optional.empty(), a))
        .hasMessageContaining("expected the lookup of host.example. AAAA");
  }

  private static Resolution servFail(int type, FailureReason reason) {
    return new Resolution(
        new Question(HOST, type),
        Status.SERVFAIL,
        Rcode.SERVFAIL,
        List.of(),
        HOST,
        List.of(),
        Optional.of(new Failure(reason, "test")),
        NO_TRACE);
  }

  private static Resolution negative(int type, Status status, int rcode) {
    return new Resolution(
        new Question(HOST, type),
        status,
        rcode,
        List.of(),
        HOST,
        List.of(),
        Optional.empty(),
        NO_TRACE);
  }
}
