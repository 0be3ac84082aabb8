package io.rootwalk;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.xbill.DNS.Record;

/**
 * AssertJ assertions that read like the seed's scenarios: {@code assertThat(r).isNxDomain()};
 * {@link #trace()} goes on into its steps with {@link TraceAssert}. Failure messages end with the
 * rendered trace.
 */
public final class ResolutionAssert extends AbstractAssert<ResolutionAssert, Resolution> {

  private ResolutionAssert(Resolution actual) {
    super(actual, ResolutionAssert.class);
  }

  public static ResolutionAssert assertThat(Resolution actual) {
    return new ResolutionAssert(actual);
  }

  public ResolutionAssert hasStatus(Status status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage(
          "expected status %s but was %s%nfailure: %s%ntrace:%n%s",
          status, actual.status(), actual.failure(), actual.trace().render());
    }
    return this;
  }

  public ResolutionAssert isNoError() {
    return hasStatus(Status.NOERROR);
  }

  public ResolutionAssert isNxDomain() {
    return hasStatus(Status.NXDOMAIN);
  }

  public ResolutionAssert isNoData() {
    return hasStatus(Status.NODATA);
  }

  public ResolutionAssert isServFail(FailureReason reason) {
    hasStatus(Status.SERVFAIL);
    Assertions.assertThat(actual.failure())
        .get()
        .extracting(Failure::reason)
        .as("failure reason; trace:%n%s", actual.trace().render())
        .isEqualTo(reason);
    return this;
  }

  /** The final addresses, as presentation strings, in any order. */
  public ResolutionAssert hasAddresses(String... addresses) {
    isNotNull();
    List<String> actualAddresses = new ArrayList<>();
    actual.addresses().forEach(a -> actualAddresses.add(a.getHostAddress()));
    Assertions.assertThat(actualAddresses)
        .as("addresses of %s; trace:%n%s", actual.question(), actual.trace().render())
        .containsExactlyInAnyOrder(addresses);
    return this;
  }

  /** The answer section as "name TYPE rdata" strings, in order. */
  public ResolutionAssert hasAnswers(String... answers) {
    isNotNull();
    List<String> actualAnswers = new ArrayList<>();
    for (Record r : actual.answers()) {
      actualAnswers.add(
          r.getName() + " " + org.xbill.DNS.Type.string(r.getType()) + " " + r.rdataToString());
    }
    Assertions.assertThat(actualAnswers)
        .as("answers; trace:%n%s", actual.trace().render())
        .containsExactly(answers);
    return this;
  }

  /** The kinds of the top-level steps, in order. */
  public ResolutionAssert hasStepKinds(StepKind... kinds) {
    trace().hasStepKinds(kinds);
    return this;
  }

  public ResolutionAssert sentUpstreamQueries(int count) {
    trace().sentUpstreamQueries(count);
    return this;
  }

  /** Goes on into the trace: its steps, exchanges and chases. */
  public TraceAssert trace() {
    isNotNull();
    return TraceAssert.assertThat(actual.trace());
  }
}
