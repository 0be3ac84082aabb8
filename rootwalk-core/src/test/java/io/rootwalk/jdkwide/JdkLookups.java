package io.rootwalk.jdkwide;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The program {@link InetProviderIT} runs in a child JVM: plain JDK lookups, one per argument, with
 * no Rootwalk type in sight. {@code NAME} prints {@code NAME -> ADDR, ADDR} from {@link
 * InetAddress#getAllByName}; {@code @ADDR} prints {@code @ADDR -> HOST} from {@link
 * InetAddress#getHostName} (a reverse lookup). A failure prints {@code NAME !! MESSAGE}. {@code
 * ?resolver} prints the class of the resolver the JDK chose (it needs {@code --add-opens
 * java.base/java.net=ALL-UNNAMED}): the only way to tell which one answers without sending a query
 * to the host's DNS servers.
 */
public final class JdkLookups {

  private JdkLookups() {}

  /**
   * Looks each argument up and prints one line for it.
   *
   * @param args host names, or IP literals after an {@code @} for reverse lookups
   */
  public static void main(String[] args) {
    for (String arg : args) {
      try {
        System.out.println(arg + " -> " + lookUp(arg));
      } catch (UnknownHostException e) {
        System.out.println(arg + " !! " + e.getMessage());
      }
    }
  }

  private static String lookUp(String arg) throws UnknownHostException {
    if (arg.equals("?resolver")) {
      return resolverClass();
    }
    if (arg.startsWith("@")) {
      return InetAddress.getByName(arg.substring(1)).getHostName();
    }
    return Arrays.stream(InetAddress.getAllByName(arg))
        .map(InetAddress::getHostAddress)
        .collect(Collectors.joining(", "));
  }

  /** The JDK's private {@code InetAddress.resolver}, set at the first lookup (JDK 18 to 25). */
  private static String resolverClass() throws UnknownHostException {
    InetAddress.getAllByName("localhost");
    try {
      Field resolver = InetAddress.class.getDeclaredField("resolver");
      resolver.setAccessible(true);
      Object value = resolver.get(null);
      return value == null ? "none" : value.getClass().getName();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown: " + e;
    }
  }
}
