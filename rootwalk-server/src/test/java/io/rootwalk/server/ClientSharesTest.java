package io.rootwalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rootwalk.server.ClientShares.Verdict;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Fair shares of one table: given clients holding slots, when another asks for one, then it gets
 * one unless it is already among the heaviest, and only the heaviest client ever gives one up.
 */
class ClientSharesTest {

  private static final InetAddress HEAVY = address("127.0.0.1");
  private static final InetAddress LIGHT = address("127.0.0.2");
  private static final InetAddress OTHER = address("127.0.0.3");

  /** A holding with a name, and whether it is idle (preferred for eviction). */
  private record Slot(String name, boolean idle) {}

  private final ClientShares<Slot> shares = new ClientShares<>(4, 3, Slot::idle);

  @Test
  void aClientAtItsOwnCapIsTurnedAwayWhileOthersStillGetSlots() {
    admit(HEAVY, "h1");
    admit(HEAVY, "h2");
    admit(HEAVY, "h3");

    assertThat(shares.admit(HEAVY, new Slot("h4", true)).verdict()).isEqualTo(Verdict.CLIENT_FULL);
    assertThat(admit(LIGHT, "l1").evicted()).isNull();
    assertThat(shares.heldBy(HEAVY)).isEqualTo(3);
    assertThat(shares.held()).isEqualTo(4);
  }

  @Test
  void whenTheTableIsFullTheHeaviestClientsOldestIdleHoldingMakesRoom() {
    shares.admit(HEAVY, new Slot("busy-oldest", false));
    admit(HEAVY, "idle");
    admit(HEAVY, "idle-newer");
    admit(OTHER, "o1");

    ClientShares.Admission<Slot> light = shares.admit(LIGHT, new Slot("l1", true));

    assertThat(light.verdict()).isEqualTo(Verdict.ADMITTED);
    assertThat(light.evicted()).isEqualTo(new Slot("idle", true));
    assertThat(shares.heldBy(HEAVY)).isEqualTo(2);
    assertThat(shares.heldBy(LIGHT)).isEqualTo(1);
    assertThat(shares.held()).isEqualTo(4);
  }

  @Test
  void withNoIdleHoldingTheHeaviestClientsOldestGoes() {
    ClientShares<Slot> busy = new ClientShares<>(2, 2, Slot::idle);
    busy.admit(HEAVY, new Slot("first", false));
    busy.admit(HEAVY, new Slot("second", false));

    assertThat(busy.admit(LIGHT, new Slot("l1", false)).evicted())
        .isEqualTo(new Slot("first", false));
  }

  @Test
  void aNewcomerAlreadyAsHeavyAsAnyoneIsTurnedAwayRatherThanTakingFromAnEqual() {
    admit(HEAVY, "h1");
    admit(HEAVY, "h2");
    admit(LIGHT, "l1");
    admit(OTHER, "o1");

    // LIGHT would hold 2 after taking from HEAVY's 2: no fairer, so nobody loses a slot.
    assertThat(shares.admit(LIGHT, new Slot("l2", true)).verdict()).isEqualTo(Verdict.SERVER_FULL);
    assertThat(shares.heldBy(HEAVY)).isEqualTo(2);
  }

  @Test
  void releasingIsIdempotentAndAnEvictedHoldingIsNoLongerCounted() {
    Slot h1 = new Slot("h1", true);
    shares.admit(HEAVY, h1);
    admit(HEAVY, "h2");
    admit(HEAVY, "h3");
    admit(OTHER, "o1");
    assertThat(admit(LIGHT, "l1").evicted()).isEqualTo(h1);

    shares.release(HEAVY, h1); // the evicted session's close callback: already gone
    shares.release(LIGHT, new Slot("never admitted", true));

    assertThat(shares.held()).isEqualTo(4);
    assertThat(shares.heldBy(HEAVY)).isEqualTo(2);
    assertThat(shares.heldBy(LIGHT)).isEqualTo(1);
  }

  @Test
  void capsMustBePositive() {
    assertThatThrownBy(() -> new ClientShares<Slot>(0, 1, Slot::idle))
        .hasMessage("total must be >= 1 but was 0");
    assertThatThrownBy(() -> new ClientShares<Slot>(1, 0, Slot::idle))
        .hasMessage("perClient must be >= 1 but was 0");
  }

  private ClientShares.Admission<Slot> admit(InetAddress client, String name) {
    ClientShares.Admission<Slot> admission = shares.admit(client, new Slot(name, true));
    assertThat(admission.verdict()).as(name).isEqualTo(Verdict.ADMITTED);
    return admission;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
