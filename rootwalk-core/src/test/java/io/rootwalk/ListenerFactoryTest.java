package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/** A resolver-wide listener factory sees every lookup: walked, cached, or shared with another. */
class ListenerFactoryTest {

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @RegisterExtension
  final LabResolvers lab =
      LabResolvers.walking(DemoWorld.world()).configured(b -> b.listenerFactory(recording()));

  private ResolutionListener.Factory recording() {
    return question ->
        new ResolutionListener() {
          @Override
          public void stepCompleted(TraceStep step) {
            events.add(question.name() + " step " + step.kind().label());
          }

          @Override
          public void resolutionFinished(Resolution resolution) {
            events.add(question.name() + " finished " + resolution.status());
          }
        };
  }

  @Test
  void everyLookupIsObservedWhetherWalkedOrAnsweredFromCache() {
    lab.lookup("www.example.com", Type.A);
    lab.lookup("www.example.com", Type.A);

    assertThat(events)
        .containsExactly(
            "www.example.com. step priming",
            "www.example.com. step referral",
            "www.example.com. step referral",
            "www.example.com. step answer",
            "www.example.com. finished NOERROR",
            "www.example.com. step cached-answer",
            "www.example.com. finished NOERROR");
  }

  @Test
  void lookupsThatShareAWalkAreEachToldHowItEnded() {
    List<CompletableFuture<Resolution>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(lab.resolver().lookupAsync("www.example.com", Type.A));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();

    assertThat(events.stream().filter(e -> e.endsWith("finished NOERROR"))).hasSize(20);
  }

  @Test
  void aPerLookupListenerAndTheFactorysBothSeeTheStepsIncludingNestedChases() {
    List<String> mine = new ArrayList<>();
    ResolutionListener perLookup =
        new ResolutionListener() {
          @Override
          public ResolutionListener chaseStarted(
              org.xbill.DNS.Name zoneCut, org.xbill.DNS.Name nameServer, int type) {
            mine.add("chase " + nameServer);
            return NONE;
          }
        };
    lab.resolver().lookup("www.shop.com", Type.A, perLookup);

    assertThat(mine).containsExactly("chase ns1.dnshost.net.");
    assertThat(events).contains("www.shop.com. step chase", "www.shop.com. finished NOERROR");
  }
}
