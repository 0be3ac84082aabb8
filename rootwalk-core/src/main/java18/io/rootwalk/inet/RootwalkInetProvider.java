package io.rootwalk.inet;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rootwalk as the JDK's name service (JEP 418), registered for the class path ({@code
 * META-INF/services}) and the module path ({@code provides} in the Java 18 module descriptor). The
 * JDK loads the first provider it finds once per JVM, at the first name lookup; merely having
 * Rootwalk on the class path must change nothing, so unless the JVM was started with {@code
 * -Drootwalk.inet=true} this hands back the JDK's built-in resolver.
 *
 * <p>When on, {@code -Drootwalk.rootHints=FILE} replaces IANA's root servers and {@code
 * -Drootwalk.upstreamPort=N} port 53. The resolver is built at the first lookup, not here: the JDK
 * calls {@link #get} while it holds its resolver lock, and building one reads files.
 */
public final class RootwalkInetProvider extends InetAddressResolverProvider {

  private static final Logger log = LoggerFactory.getLogger(RootwalkInetProvider.class);

  /** Called by {@link java.util.ServiceLoader}. */
  public RootwalkInetProvider() {}

  /**
   * The resolver for this JVM: the built-in one unless {@code -Drootwalk.inet=true}.
   *
   * @param configuration the JDK's built-in resolver and the host's own name
   * @return Rootwalk's resolver when switched on, the built-in one otherwise
   */
  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetSettings settings = InetSettings.fromSystemProperties();
    if (!settings.enabled()) {
      return configuration.builtinResolver();
    }
    return new RootwalkInetResolver(
        once(settings), configuration.builtinResolver(), configuration.lookupLocalHostName());
  }

  /**
   * The provider's name, as the JDK shows it ({@code InetAddress}'s resolver diagnostics).
   *
   * @return {@code "rootwalk"}
   */
  @Override
  public String name() {
    return "rootwalk";
  }

  /** The setup, built at the first call and kept for the life of the JVM. */
  private static Supplier<WalkSetup> once(InetSettings settings) {
    return new Supplier<>() {
      private volatile @Nullable WalkSetup built;

      @Override
      public WalkSetup get() {
        WalkSetup s = built;
        if (s != null) {
          return s;
        }
        synchronized (this) {
          s = built;
          if (s == null) {
            s = WalkSetup.from(settings);
            describe(s);
            built = s;
          }
          return s;
        }
      }
    };
  }

  private static void describe(WalkSetup setup) {
    if (setup instanceof WalkSetup.Ready ready) {
      log.atDebug()
          .addKeyValue("rootHints", ready.resolver().rootHints().source())
          .log("JDK-wide lookups resolve through Rootwalk");
    } else if (setup instanceof WalkSetup.Unusable unusable) {
      // Every lookup throws with this text too; the warning is for logs nobody catches.
      log.warn("JDK-wide lookups through Rootwalk all fail: {}", unusable.problem());
    }
  }
}
