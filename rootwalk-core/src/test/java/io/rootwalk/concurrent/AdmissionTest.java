package io.rootwalk.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  @Test
  void startsRunAtOnceUpToTheLimitThenWaitInOrderForAReleasedSlot() {
    Admission admission = new Admission(2, 10);
    List<String> ran = new ArrayList<>();

    for (String name : List.of("a", "b", "c", "d")) {
      assertThat(admission.admit(() -> ran.add(name))).isTrue();
    }
    assertThat(ran).containsExactly("a", "b");
    assertThat(admission.waiting()).isEqualTo(2);

    admission.release(); // a is done
    assertThat(ran).containsExactly("a", "b", "c");
    admission.release();
    admission.release();
    assertThat(ran).containsExactly("a", "b", "c", "d");
    assertThat(admission.running()).isEqualTo(1);
    assertThat(admission.waiting()).isZero();
  }

  @Test
  void aFullQueueRefusesAndTheRefusedStartNeverRuns() {
    Admission admission = new Admission(1, 1);
    List<String> ran = new ArrayList<>();

    assertThat(admission.admit(() -> ran.add("running"))).isTrue();
    assertThat(admission.admit(() -> ran.add("queued"))).isTrue();
    assertThat(admission.admit(() -> ran.add("refused"))).isFalse();
    admission.release();
    admission.release();

    assertThat(ran).containsExactly("running", "queued");
  }

  @Test
  void aNewcomerDoesNotOvertakeTheQueueWhenASlotFreesUp() {
    Admission admission = new Admission(1, 10);
    List<String> ran = new ArrayList<>();
    admission.admit(() -> ran.add("first"));
    admission.admit(() -> ran.add("waiting"));

    admission.release(); // the slot goes to the one waiting
    admission.admit(() -> ran.add("newcomer"));

    assertThat(ran).containsExactly("first", "waiting");
    assertThat(admission.waiting()).isEqualTo(1);
  }

  @Test
  void aLongQueueOfStartsThatFinishAtOnceDrainsWithoutDeepRecursion() {
    // Each start releases its own slot as soon as it runs, as a lookup that fails at once does.
    Admission admission = new Admission(1, 200_000);
    int[] ran = {0};
    admission.admit(() -> ran[0]++); // holds the only slot
    for (int i = 0; i < 100_000; i++) {
      admission.admit(
          () -> {
            ran[0]++;
            admission.release();
          });
    }

    admission.release(); // a recursive drain would overflow the stack here

    assertThat(ran[0]).isEqualTo(100_001);
    assertThat(admission.running()).isZero();
  }

  @Test
  void tryEnterTakesOnlyAFreeSlotAndNeverQueues() {
    Admission admission = new Admission(1, 10);

    assertThat(admission.tryEnter()).isTrue();
    assertThat(admission.tryEnter()).isFalse();
    assertThat(admission.waiting()).isZero();
    admission.release();
    assertThat(admission.running()).isZero();
  }
}
