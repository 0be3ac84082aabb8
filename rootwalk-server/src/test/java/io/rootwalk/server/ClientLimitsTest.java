package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The public knobs: documented defaults, and ranges checked with the field and value named. */
class ClientLimitsTest {

  @Test
  void defaultsShareTheTablesAndLeaveRateLimitingOff() {
    assertThat(ClientLimits.DEFAULT)
        .isEqualTo(new ClientLimits(32, 1_000, 0, 2))
        .returns(false, ClientLimits::rateLimited);
    assertThat(ClientLimits.DEFAULT.maxTcpConnectionsPerClient() * 8)
        .isEqualTo(ServerLimits.DEFAULT.maxTcpConnections());
    assertThat(ClientLimits.DEFAULT.maxLookupsPerClient() * 10)
        .isEqualTo(ServerLimits.DEFAULT.maxPendingLookups());
    assertThat(ClientLimits.DEFAULT.withRateLimit(100).withRateLimitSlip(0))
        .isEqualTo(new ClientLimits(32, 1_000, 100, 0));
  }

  @Test
  void outOfRangeValuesAreRejectedByName() {
    assertThatThrownBy(() -> ClientLimits.DEFAULT.withMaxTcpConnectionsPerClient(0))
        .hasMessage("maxTcpConnectionsPerClient must be >= 1 but was 0");
    assertThatThrownBy(() -> ClientLimits.DEFAULT.withMaxLookupsPerClient(-1))
        .hasMessage("maxLookupsPerClient must be >= 1 but was -1");
    assertThatThrownBy(() -> ClientLimits.DEFAULT.withRateLimit(-5))
        .hasMessage("rateLimit must be >= 0 but was -5");
    assertThatThrownBy(() -> ClientLimits.DEFAULT.withRateLimitSlip(11))
        .hasMessage("rateLimitSlip must be in 0..10 but was 11");
  }
}
