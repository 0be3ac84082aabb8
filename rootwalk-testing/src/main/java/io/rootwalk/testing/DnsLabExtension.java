package io.rootwalk.testing;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test its own started {@link DnsLab}, closed after the test, so tests never share
 * servers, faults or query logs.
 *
 * <pre>{@code
 * @RegisterExtension DnsLabExtension lab = DnsLabExtension.of(DemoWorld.world());
 *
 * @Test void answers(DnsLab dnsLab) { ... }   // or lab.get()
 * }</pre>
 */
public final class DnsLabExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DnsLabExtension.class);

  private final Supplier<World> world;

  /** The running test's lab: null before {@code beforeEach} and after {@code afterEach}. */
  private volatile @Nullable DnsLab current;

  private DnsLabExtension(Supplier<World> world) {
    this.world = world;
  }

  /** An extension starting {@code world} for each test. */
  public static DnsLabExtension of(World world) {
    Objects.requireNonNull(world, "world");
    return new DnsLabExtension(() -> world);
  }

  /** An extension starting a freshly supplied world for each test. */
  public static DnsLabExtension of(Supplier<World> world) {
    return new DnsLabExtension(Objects.requireNonNull(world, "world"));
  }

  /**
   * The current test's lab.
   *
   * @throws IllegalStateException outside a test (before {@code beforeEach} or after {@code
   *     afterEach})
   */
  public DnsLab get() {
    DnsLab lab = current;
    if (lab == null) {
      throw new IllegalStateException("no lab is running: DnsLabExtension starts one per test");
    }
    return lab;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    DnsLab lab = DnsLab.start(world.get());
    context.getStore(NAMESPACE).put(DnsLab.class, lab);
    current = lab;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DnsLab lab = context.getStore(NAMESPACE).remove(DnsLab.class, DnsLab.class);
    if (lab != null) {
      lab.close();
    }
    current = null;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DnsLab.class
        && parameter.getDeclaringExecutable() instanceof Method;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DnsLab lab = context.getStore(NAMESPACE).get(DnsLab.class, DnsLab.class);
    return lab != null ? lab : get();
  }
}
