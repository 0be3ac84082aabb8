package io.rootwalk;

import io.rootwalk.testing.DnsLab;
import io.rootwalk.testing.DnsLabExtension;
import io.rootwalk.testing.LabServer;
import io.rootwalk.testing.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resolvers pointed at a test lab: its hints file and port, short timeouts.
 *
 * <p>Registered as a JUnit 5 extension it is the "given" of a scenario: every test gets its own
 * started {@link DnsLab} of the world and a resolver walking it, both ready before the test body
 * runs (so that a timed lookup times the lookup only); after the test, that resolver and every
 * other one the test asked for are closed, then the lab.
 *
 * <pre>{@code
 * @RegisterExtension final LabResolvers lab = LabResolvers.walking(DemoWorld.world());
 *
 * @Test void theOtherServerAnswers() {
 *   lab.server(DemoWorld.NS1_EXAMPLE_COM).fault(Fault.drop());         // given a server that drops
 *   Resolution r = lab.lookup("www.example.com", Type.A);               // when
 *   assertThat(r).isNoError().hasStepKinds(PRIMING, REFERRAL, REFERRAL, TIMEOUT, ANSWER)
 *       .trace().exchange(3).wentTo(DemoWorld.NS1_EXAMPLE_COM);         // then
 * }
 * }</pre>
 *
 * <p>{@link #scripted} gives the same without sockets, over a {@link ScriptedTransport}.
 */
public final class LabResolvers implements BeforeEachCallback, AfterEachCallback {

  /** The port scripted resolvers are told to use; the scripted transport ignores it. */
  private static final int SCRIPTED_PORT = 5300;

  /** The lab of a socket-backed fixture; null for a scripted one. */
  private final DnsLabExtension lab;

  private final Supplier<ResolverBuilder> base;
  private final UnaryOperator<ResolverBuilder> config;
  private final List<Resolver> opened = new ArrayList<>();
  private volatile Resolver current;

  private LabResolvers(
      DnsLabExtension lab, Supplier<ResolverBuilder> base, UnaryOperator<ResolverBuilder> config) {
    this.lab = lab;
    this.base = base;
    this.config = config;
  }

  /** A builder walking {@code lab}; the lab's hints are loopback, so never the real root. */
  public static ResolverBuilder builderFor(DnsLab lab) {
    return Resolver.builder()
        .rootHints(RootHints.fromFile(lab.rootHintsFile()))
        .upstreamPort(lab.port())
        .queryTimeout(Duration.ofMillis(400))
        .deadline(Duration.ofSeconds(5));
  }

  /**
   * Given this hierarchy: a lab of {@code world} per test, and resolvers from {@link #builderFor}.
   */
  public static LabResolvers walking(World world) {
    return walking(DnsLabExtension.of(world));
  }

  /** Given a hierarchy built afresh for each test. */
  public static LabResolvers walking(Supplier<World> world) {
    return walking(DnsLabExtension.of(world));
  }

  private static LabResolvers walking(DnsLabExtension lab) {
    return new LabResolvers(lab, () -> builderFor(lab.get()), UnaryOperator.identity());
  }

  /**
   * Given {@code world} answering through {@code transport}, without sockets: the resolvers take
   * their hints from the world's root servers and send every query to the transport.
   */
  public static LabResolvers scripted(World world, ScriptedTransport transport) {
    RootHints hints = RootHints.parse(world.namedRoot(), "scripted " + world);
    return new LabResolvers(
        null,
        () -> Resolver.builder().rootHints(hints).upstreamPort(SCRIPTED_PORT).transport(transport),
        UnaryOperator.identity());
  }

  /**
   * The same fixture with {@code more} applied to every resolver it builds, after what is set so
   * far.
   */
  public LabResolvers configured(UnaryOperator<ResolverBuilder> more) {
    Objects.requireNonNull(more, "more");
    return new LabResolvers(lab, base, b -> more.apply(config.apply(b)));
  }

  /** The current test's lab: its servers, faults and query log. */
  public DnsLab get() {
    if (lab == null) {
      throw new IllegalStateException(
          "a scripted fixture has no lab: check the ScriptedTransport's events");
    }
    return lab.get();
  }

  /**
   * The lab server of that name or address, to give it a fault: "given this misbehaving server".
   */
  public LabServer server(String nameOrAddress) {
    return get().server(nameOrAddress);
  }

  /**
   * The test's resolver: the fixture's configuration, or the last {@link #resolver(UnaryOperator)}.
   */
  public Resolver resolver() {
    Resolver r = current;
    if (r == null) {
      throw new IllegalStateException(
          "no resolver outside a test: register LabResolvers with @RegisterExtension");
    }
    return r;
  }

  /**
   * Replaces the test's resolver by one with {@code more} on top of the fixture's configuration
   * (other limits, a ticker, a policy); the one it replaces is closed. {@link #lookup} uses it.
   */
  public Resolver resolver(UnaryOperator<ResolverBuilder> more) {
    Resolver previous = current;
    if (previous != null) {
      previous.close();
    }
    Resolver r = more.apply(config.apply(base.get())).build();
    opened.add(r);
    current = r;
    return r;
  }

  /** When the test's resolver looks up {@code name}. */
  public Resolution lookup(String name, int type) {
    return resolver().lookup(name, type);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (lab != null) {
      lab.beforeEach(context);
    }
    resolver(UnaryOperator.identity());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      opened.forEach(Resolver::close);
    } finally {
      opened.clear();
      current = null;
      if (lab != null) {
        lab.afterEach(context);
      }
    }
  }
}
