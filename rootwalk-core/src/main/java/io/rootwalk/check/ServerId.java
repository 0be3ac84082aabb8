package io.rootwalk.check;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * The name server a {@link Finding} is about: an NS name, and the address the finding concerns when
 * it is about one address of that name (a server that did not answer, stale glue). An NS name
 * without any address ({@link FindingCode#NS_UNRESOLVABLE}, {@link FindingCode#MISSING_GLUE}) has
 * none.
 *
 * @param name the NS name, absolute
 * @param address the address concerned, if the finding is about one
 */
public record ServerId(Name name, Optional<InetAddress> address) {

  /**
   * Checks that both parts are present.
   *
   * @param name the NS name
   * @param address the address, or empty
   * @throws NullPointerException if either is null
   */
  public ServerId {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /**
   * A name server at one address.
   *
   * @param name the NS name
   * @param address its address
   * @return the pair
   */
  public static ServerId of(Name name, InetAddress address) {
    return new ServerId(name, Optional.of(address));
  }

  /**
   * A name server as a name only.
   *
   * @param name the NS name
   * @return the name without an address
   */
  public static ServerId named(Name name) {
    return new ServerId(name, Optional.empty());
  }

  @Override
  public String toString() {
    return address.map(a -> name + " " + a.getHostAddress()).orElse(name.toString());
  }
}
