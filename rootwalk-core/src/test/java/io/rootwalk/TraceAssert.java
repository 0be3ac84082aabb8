package io.rootwalk;

import io.rootwalk.spi.Protocol;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * AssertJ assertions on a {@link Trace} and its typed steps, so that a scenario names what it
 * checks instead of casting {@code trace.steps().get(3)}:
 *
 * <pre>{@code
 * TraceAssert trace = assertThat(r).hasStepKinds(PRIMING, REFERRAL, TRUNCATED, REFERRAL, ANSWER).trace();
 * trace.exchange(3).over(Protocol.TCP).isReferralTo("example.com.").hasGlueCount(2);
 * trace.chase(0).forNameServer("ns1.dnshost.net.").found("127.53.13.1")
 *     .trace().hasStepKinds(CACHED_DELEGATION, REFERRAL, REFERRAL, ANSWER);
 * }</pre>
 *
 * <p>{@code exchange(n)} and {@code chase(n)} count the exchanges or chases of this level of the
 * trace, from 0, as {@link Trace#exchanges()} does; {@code allStepKinds}, {@code hasNoStepOfKind},
 * {@code neverWentTo}, {@code hasChasesFor}, {@code hasChaseCount}, {@code everyChase} and {@code
 * hasRejected} look into nested chases too. A server is named as in the world ({@code
 * "ns1.example.com."}, ending in a dot) or by address ({@code "127.53.10.1"}, {@code "::1"}). Every
 * failure message ends with the whole rendered trace ({@link Trace#render()}), so a failing
 * scenario shows how the walk went.
 */
public final class TraceAssert extends AbstractAssert<TraceAssert, Trace> {

  /** Which trace this is: empty for the resolution's own, else the chase it is nested in. */
  private final String level;

  /** The rendered trace of the whole resolution, nested chases included, for failure messages. */
  private final String rendered;

  private TraceAssert(Trace actual, String level, String rendered) {
    super(actual, TraceAssert.class);
    this.level = level;
    this.rendered = rendered;
  }

  public static TraceAssert assertThat(Trace actual) {
    return new TraceAssert(actual, "", actual == null ? "(no trace)" : actual.render());
  }

  /** A compact text of a rejection, for comparing: {@code "ANSWER www.victim.com. A"}. */
  public static String describe(Rejection r) {
    return r.section() + " " + r.name() + " " + Type.string(r.type());
  }

  /** The kinds of the steps at this level, exactly and in order. */
  public TraceAssert hasStepKinds(StepKind... kinds) {
    stepKinds().containsExactly(kinds);
    return this;
  }

  /** Nothing happened at all: no exchange, no cache hit, no chase. */
  public TraceAssert hasNoSteps() {
    stepKinds().isEmpty();
    return this;
  }

  /** The steps at this level begin with these kinds. */
  public TraceAssert startsWith(StepKind... kinds) {
    stepKinds().startsWith(kinds);
    return this;
  }

  /** The steps at this level end with these kinds. */
  public TraceAssert endsWith(StepKind... kinds) {
    stepKinds().endsWith(kinds);
    return this;
  }

  /** The kinds of the steps at this level, in order, for any other list assertion. */
  public ListAssert<StepKind> stepKinds() {
    isNotNull();
    return Assertions.assertThat(kinds(actual.steps())).as(context("step kinds"));
  }

  /** The kinds of every step, nested chases included, depth first. */
  public ListAssert<StepKind> allStepKinds() {
    isNotNull();
    return Assertions.assertThat(kinds(actual.flatten()))
        .as(context("step kinds, nested included"));
  }

  /** No step, nested chases included, is of any of these kinds. */
  public TraceAssert hasNoStepOfKind(StepKind... kinds) {
    allStepKinds().doesNotContain(kinds);
    return this;
  }

  /** The distinct zone cuts of this level, in order of first use (as {@link Trace#zoneCuts()}). */
  public TraceAssert hasZoneCuts(String... zones) {
    isNotNull();
    Assertions.assertThat(actual.zoneCuts())
        .extracting(Name::toString)
        .as(context("zone cuts"))
        .containsExactly(zones);
    return this;
  }

  /** Queries sent by the resolution, nested chases included. */
  public TraceAssert sentUpstreamQueries(int count) {
    isNotNull();
    Assertions.assertThat(actual.upstreamQueries())
        .as(context("upstream queries"))
        .isEqualTo(count);
    return this;
  }

  public TraceAssert hasElapsed(Duration elapsed) {
    isNotNull();
    Assertions.assertThat(actual.elapsed()).as(context("elapsed")).isEqualTo(elapsed);
    return this;
  }

  public TraceAssert elapsedLessThan(Duration bound) {
    isNotNull();
    Assertions.assertThat(actual.elapsed()).as(context("elapsed")).isLessThan(bound);
    return this;
  }

  /** The {@code n}-th exchange of this level, counted from 0. */
  public ExchangeAssert exchange(int n) {
    isNotNull();
    List<TraceStep.Exchange> exchanges = actual.exchanges();
    if (n < 0 || n >= exchanges.size()) {
      failWithMessage(
          "%sexpected an exchange %d but there are %d%ntrace:%n%s",
          level, n, exchanges.size(), rendered);
    }
    return new ExchangeAssert(exchanges.get(n), level + "exchange " + n, this);
  }

  /** The last exchange of this level. */
  public ExchangeAssert lastExchange() {
    isNotNull();
    List<TraceStep.Exchange> exchanges = actual.exchanges();
    if (exchanges.isEmpty()) {
      failWithMessage("%sexpected an exchange but there is none%ntrace:%n%s", level, rendered);
    }
    return new ExchangeAssert(
        exchanges.get(exchanges.size() - 1), level + "the last exchange", this);
  }

  /** The exchanges of this level, in order, for any other list assertion. */
  public ListAssert<TraceStep.Exchange> exchanges() {
    isNotNull();
    return Assertions.assertThat(actual.exchanges()).as(context("exchanges"));
  }

  /**
   * The questions the exchanges of this level sent, as text ({@code "example.com. A"}), in order.
   */
  public ListAssert<String> sentQuestions() {
    isNotNull();
    List<String> sent = new ArrayList<>();
    actual.exchanges().forEach(e -> sent.add(e.sent().toString()));
    return Assertions.assertThat(sent).as(context("questions sent"));
  }

  /** No exchange, nested chases included, went to any of these addresses. */
  public TraceAssert neverWentTo(String... addresses) {
    isNotNull();
    List<InetAddress> forbidden = new ArrayList<>();
    for (String a : addresses) {
      forbidden.add(address(a));
    }
    Assertions.assertThat(allExchanges())
        .extracting(e -> e.server().address())
        .as(context("addresses queried, nested included"))
        .doesNotContainAnyElementsOf(forbidden);
    return this;
  }

  /** The {@code n}-th chase of this level, counted from 0. */
  public ChaseAssert chase(int n) {
    isNotNull();
    List<TraceStep.Chase> chases = new ArrayList<>();
    for (TraceStep s : actual.steps()) {
      if (s instanceof TraceStep.Chase c) {
        chases.add(c);
      }
    }
    if (n < 0 || n >= chases.size()) {
      failWithMessage(
          "%sexpected a chase %d but there are %d%ntrace:%n%s", level, n, chases.size(), rendered);
    }
    return new ChaseAssert(chases.get(n), level + "chase " + n, this);
  }

  /** The name servers chased, nested chases included, depth first: exactly these, in order. */
  public TraceAssert hasChasesFor(String... nameServers) {
    isNotNull();
    Assertions.assertThat(allChases())
        .extracting(c -> c.nameServer().toString())
        .as(context("chased name servers, nested included"))
        .containsExactly(nameServers);
    return this;
  }

  /** How many chases there were, nested ones included. */
  public TraceAssert hasChaseCount(int count) {
    isNotNull();
    Assertions.assertThat(allChases()).as(context("chases, nested included")).hasSize(count);
    return this;
  }

  /** Every chase, nested ones included, satisfies {@code requirements}. */
  public TraceAssert everyChase(Consumer<ChaseAssert> requirements) {
    isNotNull();
    List<TraceStep.Chase> chases = allChases();
    for (int i = 0; i < chases.size(); i++) {
      requirements.accept(
          new ChaseAssert(chases.get(i), level + "chase " + i + " (nested included)", this));
    }
    return this;
  }

  /** Rejections on any exchange, nested chases included, include these ({@link #describe}). */
  public TraceAssert hasRejected(String... rejections) {
    isNotNull();
    List<String> all = new ArrayList<>();
    for (TraceStep.Exchange e : allExchanges()) {
      e.rejected().forEach(r -> all.add(describe(r)));
    }
    Assertions.assertThat(all).as(context("rejections, nested included")).contains(rejections);
    return this;
  }

  private List<TraceStep.Exchange> allExchanges() {
    List<TraceStep.Exchange> out = new ArrayList<>();
    for (TraceStep s : actual.flatten()) {
      if (s instanceof TraceStep.Exchange e) {
        out.add(e);
      }
    }
    return out;
  }

  private List<TraceStep.Chase> allChases() {
    List<TraceStep.Chase> out = new ArrayList<>();
    for (TraceStep s : actual.flatten()) {
      if (s instanceof TraceStep.Chase c) {
        out.add(c);
      }
    }
    return out;
  }

  private String context(String what) {
    return context(descriptionText(), level + what, rendered);
  }

  /** "[described as: ]what; trace:" and the rendered trace. */
  private static String context(String description, String what, String rendered) {
    return (description.isEmpty() ? "" : description + ": ") + what + "; trace:\n" + rendered;
  }

  private static List<StepKind> kinds(List<TraceStep> steps) {
    List<StepKind> out = new ArrayList<>();
    steps.forEach(s -> out.add(s.kind()));
    return out;
  }

  private static InetAddress address(String literal) {
    try {
      return Address.getByAddress(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + literal, e);
    }
  }

  /**
   * What exchange and chase assertions share: the step's label for messages ("exchange 3"), the
   * trace it belongs to, and the zone cut and kind every step has.
   */
  public abstract static class StepAssert<SELF extends StepAssert<SELF, S>, S extends TraceStep>
      extends AbstractAssert<SELF, S> {

    final String label;
    final TraceAssert trace;

    StepAssert(S actual, Class<?> selfType, String label, TraceAssert trace) {
      super(actual, selfType);
      this.label = label;
      this.trace = trace;
    }

    /** The zone cut of the step, e.g. {@code "example.com."} or {@code "."}. */
    public SELF atZoneCut(String zone) {
      Assertions.assertThat(actual.zoneCut()).as(context("zone cut")).hasToString(zone);
      return myself;
    }

    public SELF hasKind(StepKind kind) {
      Assertions.assertThat(actual.kind()).as(context("kind")).isEqualTo(kind);
      return myself;
    }

    final String context(String what) {
      return TraceAssert.context(descriptionText(), label + ": " + what, trace.rendered);
    }
  }

  /** One upstream exchange: where it went, how, and what came of it. */
  public static final class ExchangeAssert extends StepAssert<ExchangeAssert, TraceStep.Exchange> {

    private ExchangeAssert(TraceStep.Exchange actual, String label, TraceAssert trace) {
      super(actual, ExchangeAssert.class, label, trace);
    }

    /**
     * The server asked: a name ending in a dot ({@code "ns1.example.com."}) or an address literal.
     */
    public ExchangeAssert wentTo(String nameOrAddress) {
      if (nameOrAddress.endsWith(".")) {
        Assertions.assertThat(actual.server().nameServer())
            .as(context("server name"))
            .hasToString(nameOrAddress);
      } else {
        Assertions.assertThat(actual.server().address())
            .as(context("server address"))
            .isEqualTo(address(nameOrAddress));
      }
      return this;
    }

    /** The server was asked at an IPv6 address. */
    public ExchangeAssert wentToIpv6() {
      Assertions.assertThat(actual.server().address())
          .as(context("server address"))
          .isInstanceOf(Inet6Address.class);
      return this;
    }

    /** The server asked was one of these (names ending in a dot, or address literals). */
    public ExchangeAssert wentToOneOf(String... namesOrAddresses) {
      List<String> asked =
          List.of(actual.server().nameServer().toString(), actual.server().address().toString());
      List<String> expected = new ArrayList<>();
      for (String s : namesOrAddresses) {
        expected.add(s.endsWith(".") ? s : address(s).toString());
      }
      Assertions.assertThat(asked)
          .as(context("server (name, address)"))
          .containsAnyElementsOf(expected);
      return this;
    }

    /**
     * Went to the same server (name, address and provenance) as exchange {@code n} of this level.
     */
    public ExchangeAssert wentToSameServerAs(int n) {
      Assertions.assertThat(actual.server())
          .as(context("server, against exchange " + n))
          .isEqualTo(trace.exchange(n).actual().server());
      return this;
    }

    /** Went to the same socket address as exchange {@code n} of this level. */
    public ExchangeAssert wentToSameAddressAs(int n) {
      Assertions.assertThat(actual.server().address())
          .as(context("server address, against exchange " + n))
          .isEqualTo(trace.exchange(n).actual().server().address());
      return this;
    }

    /** How the server's address was known. */
    public ExchangeAssert hasProvenance(Provenance provenance) {
      Assertions.assertThat(actual.server().provenance())
          .as(context("provenance"))
          .isEqualTo(provenance);
      return this;
    }

    public ExchangeAssert over(Protocol protocol) {
      Assertions.assertThat(actual.protocol()).as(context("protocol")).isEqualTo(protocol);
      return this;
    }

    public ExchangeAssert withEdns() {
      Assertions.assertThat(actual.edns()).as(context("EDNS")).isTrue();
      return this;
    }

    public ExchangeAssert withoutEdns() {
      Assertions.assertThat(actual.edns()).as(context("EDNS")).isFalse();
      return this;
    }

    public ExchangeAssert tookLessThan(Duration bound) {
      Assertions.assertThat(actual.rtt()).as(context("rtt")).isLessThan(bound);
      return this;
    }

    public ExchangeAssert took(Duration rtt) {
      Assertions.assertThat(actual.rtt()).as(context("rtt")).isEqualTo(rtt);
      return this;
    }

    public ExchangeAssert isTimeout() {
      outcome(Outcome.Timeout.class);
      return this;
    }

    public ExchangeAssert isLame(LameReason reason) {
      Assertions.assertThat(outcome(Outcome.Lame.class).reason())
          .as(context("lame reason"))
          .isEqualTo(reason);
      return this;
    }

    /** The server rejected EDNS with this rcode ({@link Rcode#FORMERR} and the like). */
    public ExchangeAssert isEdnsRejected(int rcode) {
      Assertions.assertThat(Rcode.string(outcome(Outcome.EdnsRejected.class).rcode()))
          .as(context("rcode"))
          .isEqualTo(Rcode.string(rcode));
      return this;
    }

    public ExchangeAssert isAuthoritativeAnswer() {
      Assertions.assertThat(outcome(Outcome.Answer.class).authoritative())
          .as(context("AA"))
          .isTrue();
      return this;
    }

    public ExchangeAssert isReferralTo(String child) {
      Assertions.assertThat(referral().child())
          .as(context("referral's child zone"))
          .hasToString(child);
      return this;
    }

    /** The referral's name servers, exactly and in order. */
    public ExchangeAssert hasNameServers(String... nameServers) {
      Assertions.assertThat(referral().nameServers())
          .extracting(Name::toString)
          .as(context("referral's NS"))
          .containsExactly(nameServers);
      return this;
    }

    public ExchangeAssert hasNameServersInAnyOrder(String... nameServers) {
      Assertions.assertThat(referral().nameServers())
          .extracting(Name::toString)
          .as(context("referral's NS"))
          .containsExactlyInAnyOrder(nameServers);
      return this;
    }

    /** The referral came with glue, all of it of this kind. */
    public ExchangeAssert hasGlueOnlyOf(Provenance kind) {
      Assertions.assertThat(referral().glue())
          .extracting(ServerAddress::provenance)
          .as(context("glue kinds"))
          .isNotEmpty()
          .containsOnly(kind);
      return this;
    }

    /** The addresses of the referral's glue, exactly, in any order. */
    public ExchangeAssert hasGlueAddresses(String... addresses) {
      Assertions.assertThat(referral().glue())
          .extracting(g -> g.address().getHostAddress())
          .as(context("glue addresses"))
          .containsExactlyInAnyOrder(addresses);
      return this;
    }

    public ExchangeAssert hasGlueCount(int count) {
      Assertions.assertThat(referral().glue()).as(context("glue")).hasSize(count);
      return this;
    }

    public ExchangeAssert hasNoGlue() {
      return hasGlueCount(0);
    }

    /** The in-domain name servers that came without glue: exactly these, in order. */
    public ExchangeAssert hasGlueMissingFor(String... nameServers) {
      Assertions.assertThat(referral().glueMissing())
          .extracting(Name::toString)
          .as(context("glue missing for"))
          .containsExactly(nameServers);
      return this;
    }

    /** Every in-domain name server of the referral came with glue. */
    public ExchangeAssert hasNoGlueMissing() {
      Assertions.assertThat(referral().glueMissing()).as(context("glue missing for")).isEmpty();
      return this;
    }

    /** The referral itself, after checking that it is one. */
    public Outcome.Referral referral() {
      return outcome(Outcome.Referral.class);
    }

    /** The scrubber's rejections on this exchange include these ({@link TraceAssert#describe}). */
    public ExchangeAssert hasRejected(String... rejections) {
      Assertions.assertThat(rejected()).as(context("rejections")).contains(rejections);
      return this;
    }

    /** The scrubber's rejections on this exchange are exactly these, in order. */
    public ExchangeAssert hasRejectedExactly(String... rejections) {
      Assertions.assertThat(rejected()).as(context("rejections")).containsExactly(rejections);
      return this;
    }

    /** Something from this section was rejected. */
    public ExchangeAssert hasRejectedFrom(Rejection.Section section) {
      Assertions.assertThat(actual.rejected())
          .extracting(Rejection::section)
          .as(context("rejected sections"))
          .contains(section);
      return this;
    }

    private List<String> rejected() {
      return actual.rejected().stream().map(TraceAssert::describe).toList();
    }

    private <T extends Outcome> T outcome(Class<T> type) {
      isNotNull();
      Assertions.assertThat(actual.outcome()).as(context("outcome")).isInstanceOf(type);
      return type.cast(actual.outcome());
    }
  }

  /** One nested resolution of a name server's address. */
  public static final class ChaseAssert extends StepAssert<ChaseAssert, TraceStep.Chase> {

    private ChaseAssert(TraceStep.Chase actual, String label, TraceAssert trace) {
      super(actual, ChaseAssert.class, label, trace);
    }

    public ChaseAssert forNameServer(String nameServer) {
      Assertions.assertThat(actual.nameServer()).as(context("name server")).hasToString(nameServer);
      return this;
    }

    /** Chased one of these name servers (where any of them may come first). */
    public ChaseAssert forOneOf(String... nameServers) {
      Assertions.assertThat(actual.nameServer().toString())
          .as(context("name server"))
          .isIn((Object[]) nameServers);
      return this;
    }

    /** The addresses found, exactly and in order. */
    public ChaseAssert found(String... addresses) {
      Assertions.assertThat(actual.addresses())
          .extracting(InetAddress::getHostAddress)
          .as(context("addresses"))
          .containsExactly(addresses);
      return this;
    }

    public ChaseAssert endedIn(Status status) {
      Assertions.assertThat(actual.status()).as(context("status")).isEqualTo(status);
      return this;
    }

    /** The chase's own trace; its failure messages still show the whole resolution's trace. */
    public TraceAssert trace() {
      return new TraceAssert(
          actual.trace(), label + " (" + actual.nameServer() + "), its ", trace.rendered);
    }
  }
}
