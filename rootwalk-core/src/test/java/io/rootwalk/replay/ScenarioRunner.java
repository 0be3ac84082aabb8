package io.rootwalk.replay;

import io.rootwalk.FakeTicker;
import io.rootwalk.QnameMinimisation;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.ResolverBuilder;
import io.rootwalk.RootHints;
import io.rootwalk.net.NioTransport;
import io.rootwalk.testing.ScriptedQuery;
import io.rootwalk.testing.rpl.AddressMap;
import io.rootwalk.testing.rpl.Scenario;
import io.rootwalk.testing.rpl.ScenarioNetwork;
import io.rootwalk.testing.rpl.Step;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Plays a {@link Scenario} against a Rootwalk {@link Resolver}: the scenario's servers on their lab
 * addresses, a resolver primed from its root hints, every STEP in order. {@code STEP QUERY} is
 * {@code resolver.lookup(qname, qtype)}, {@code CHECK_ANSWER} compares that lookup's resolution
 * ({@link AnswerCheck}), {@code TIME_PASSES} moves the resolver's fake clock. Before each step the
 * servers are told its number, so the RANGEs for it apply.
 *
 * <p>The resolver uses a fake ticker (TTLs pass only by TIME_PASSES), runs its callbacks on the
 * calling thread, may query loopback servers, minimises query names if the CONFIG says so, and
 * sends to loopback only ({@link LoopbackOnlyTransport}). Socket timeouts stay on real time.
 */
final class ScenarioRunner {

  private ScenarioRunner() {}

  /**
   * Plays every step.
   *
   * @return every query the scenario's servers received
   * @throws AssertionError at the first CHECK_ANSWER that fails, saying the scenario file, the
   *     step, the expected and the actual answer, the queries no RANGE answered and the
   *     resolution's trace
   */
  static List<ScriptedQuery> play(Scenario scenario) {
    return play(scenario, UnaryOperator.identity());
  }

  /**
   * Plays every step with {@code more} applied to the resolver's configuration last.
   *
   * @return every query the scenario's servers received, for a test that looks further
   */
  static List<ScriptedQuery> play(Scenario scenario, UnaryOperator<ResolverBuilder> more) {
    FakeTicker ticker = new FakeTicker();
    try (ScenarioNetwork network = scenario.start();
        NioTransport sockets = new NioTransport()) {
      LoopbackOnlyTransport transport = new LoopbackOnlyTransport(sockets);
      ResolverBuilder builder =
          Resolver.builder()
              .rootHints(RootHints.fromFile(network.rootHintsFile()))
              .upstreamPort(network.port())
              .queryTimeout(Duration.ofMillis(400))
              .deadline(Duration.ofSeconds(5))
              .ticker(ticker)
              .executor(Runnable::run)
              .allowLoopbackServers(true)
              .transport(transport);
      scenario
          .config()
          .qnameMinimisation()
          .ifPresent(
              on ->
                  builder.qnameMinimisation(
                      on ? QnameMinimisation.RELAXED : QnameMinimisation.OFF));
      try (Resolver resolver = more.apply(builder).build()) {
        new Playback(scenario, network, transport, ticker, resolver).run();
      }
      return network.queries();
    }
  }

  /** One playing of one scenario: the last lookup and where it was made. */
  private static final class Playback {
    private final Scenario scenario;
    private final ScenarioNetwork network;
    private final LoopbackOnlyTransport transport;
    private final FakeTicker ticker;
    private final Resolver resolver;
    private Resolution last;
    private Step.Query lastQuery;

    Playback(
        Scenario scenario,
        ScenarioNetwork network,
        LoopbackOnlyTransport transport,
        FakeTicker ticker,
        Resolver resolver) {
      this.scenario = scenario;
      this.network = network;
      this.transport = transport;
      this.ticker = ticker;
      this.resolver = resolver;
    }

    void run() {
      for (Step step : scenario.steps()) {
        network.step(step.id());
        if (step instanceof Step.Query query) {
          lastQuery = query;
          last = resolver.lookup(query.qname(), query.qtype());
        } else if (step instanceof Step.TimePasses time) {
          ticker.advance(Duration.ofSeconds(time.seconds()));
        } else if (step instanceof Step.CheckAnswer check) {
          check(check);
        }
      }
    }

    private void check(Step.CheckAnswer check) {
      if (last == null) {
        throw new AssertionError(where(check) + " CHECK_ANSWER: no STEP QUERY came before it");
      }
      List<String> mismatches =
          AnswerCheck.mismatches(check.expected(), last, scenario.addresses());
      if (!mismatches.isEmpty()) {
        throw new AssertionError(report(check, mismatches));
      }
    }

    private String where(Step step) {
      return scenario.source() + " STEP " + step.id() + " (line " + step.line() + ")";
    }

    private String report(Step.CheckAnswer check, List<String> mismatches) {
      AddressMap map = scenario.addresses();
      StringBuilder text = new StringBuilder();
      text.append(where(check)).append(" CHECK_ANSWER failed for ").append(lastQuery).append(":\n");
      mismatches.forEach(m -> text.append("  ").append(m).append('\n'));
      text.append("expected (line ")
          .append(check.expected().line())
          .append("): ")
          .append(AnswerCheck.describe(check.expected()))
          .append('\n');
      text.append("actual: ")
          .append(last.status())
          .append(" (rcode ")
          .append(last.rcodeName())
          .append(')')
          .append(last.failure().map(f -> ", " + f).orElse(""))
          .append(", answer")
          .append(AnswerCheck.lines(last.answers().stream().map(map::toScenario).toList()))
          .append('\n');
      List<ScriptedQuery> unmatched = network.server().unmatchedQueries();
      if (!unmatched.isEmpty()) {
        text.append("queries no RANGE answered (they got SERVFAIL):\n");
        unmatched.forEach(q -> text.append("  ").append(q).append('\n'));
      }
      if (!transport.refused().isEmpty()) {
        text.append("refused, not loopback: ").append(transport.refused()).append('\n');
      }
      return text.append("trace:\n").append(last.trace().render()).toString();
    }
  }
}
