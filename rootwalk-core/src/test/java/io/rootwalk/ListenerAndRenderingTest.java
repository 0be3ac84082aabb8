package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import io.rootwalk.testing.DemoWorld;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Streaming steps and the final trace come from one path, so they agree; and the text reads well.
 */
class ListenerAndRenderingTest {

  @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());

  @Test
  void theListenerSeesEveryStepInOrderAndNestedChasesOnTheirOwnListener() {
    List<TraceStep> streamed = new ArrayList<>();
    List<TraceStep> nested = new ArrayList<>();
    List<Resolution> finished = new ArrayList<>();
    ResolutionListener listener =
        new ResolutionListener() {
          @Override
          public void stepCompleted(TraceStep step) {
            streamed.add(step);
          }

          @Override
          public ResolutionListener chaseStarted(Name zoneCut, Name nameServer, int type) {
            return new ResolutionListener() {
              @Override
              public void stepCompleted(TraceStep step) {
                nested.add(step);
              }
            };
          }

          @Override
          public void resolutionFinished(Resolution resolution) {
            finished.add(resolution);
          }
        };
    Resolution r = lab.resolver().lookup("www.shop.com", Type.A, listener);

    assertThat(streamed).containsExactlyElementsOf(r.trace().steps());
    TraceStep.Chase chase =
        ResolutionAssert.assertThat(r)
            .hasStepKinds(
                StepKind.PRIMING,
                StepKind.REFERRAL,
                StepKind.REFERRAL,
                StepKind.CHASE,
                StepKind.ANSWER)
            .trace()
            .chase(0)
            .actual();
    assertThat(nested).containsExactlyElementsOf(chase.trace().steps());
    assertThat(finished).containsExactly(r);
  }

  @Test
  void aThrowingListenerDoesNotBreakTheLookup() {
    ResolutionListener bad =
        new ResolutionListener() {
          @Override
          public void stepCompleted(TraceStep step) {
            throw new IllegalStateException("listener bug");
          }
        };
    ResolutionAssert.assertThat(lab.resolver().lookup("www.example.com", Type.A, bad)).isNoError();
  }

  @Test
  void renderDrawsOneLinePerStepWithProvenanceAndIndentsChases() {
    String text = lab.resolver().lookup("www.shop.com", Type.A).trace().render();

    assertThat(text).startsWith(";; 7 upstream queries, 3 zone cuts, ");
    assertThat(text)
        .contains("[root hint]", "[priming]", "[sibling glue]", "[chased]")
        .contains("referral -> shop.com.  2 NS, glue 0/2")
        .contains("  chase ns1.dnshost.net. A for shop.com. -> 127.53.13.1")
        .contains("answer (AA) www.shop.com. A 192.0.2.80");
    assertThat(text.lines().filter(l -> l.startsWith("    ")).count())
        .as("nested lines are indented")
        .isEqualTo(4);
  }
}
