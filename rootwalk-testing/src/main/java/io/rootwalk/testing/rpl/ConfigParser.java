package io.rootwalk.testing.rpl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * Reads the CONFIG block: {@code key: value} lines from the top of the file to CONFIG_END. Deckard
 * writes them flat ({@code stub-addr: 193.0.14.129}); Unbound nests them in clauses ({@code
 * stub-zone:} then {@code name: "."} and {@code stub-addr: ...}), so a stub-addr counts as a root
 * address only outside a clause naming another zone.
 */
final class ConfigParser {

  private static final List<String> QMIN_KEYS =
      List.of("query-minimization", "qname-minimisation", "qname-minimization");

  private ConfigParser() {}

  static ScenarioConfig parse(RplReader in) {
    List<InetAddress> roots = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    Optional<Boolean> qmin = Optional.empty();
    String zone = null;
    while (true) {
      RplLine line = in.next("CONFIG_END");
      if (line.keyword().equals("CONFIG_END")) {
        if (roots.isEmpty()) {
          throw in.error(
              line,
              "CONFIG has no stub-addr: the replay needs the root server's address for its hints");
        }
        return new ScenarioConfig(roots, qmin, options);
      }
      if (line.keyword().equals("SCENARIO_BEGIN")) {
        throw in.error(line, "SCENARIO_BEGIN before CONFIG_END: the CONFIG block must end first");
      }
      String text = line.text();
      int hash = text.indexOf('#'); // Unbound's comments
      text = (hash >= 0 ? text.substring(0, hash) : text).strip();
      int colon = text.indexOf(':');
      if (colon < 0) {
        continue; // not an option line: nothing to configure, nothing to complain about
      }
      String key = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = unquote(text.substring(colon + 1).strip());
      options.put(key, value);
      if (value.isEmpty() && key.endsWith("-zone")) {
        zone = null; // a new Unbound clause: stub-zone:, forward-zone:, auth-zone:
      } else if (key.equals("name")) {
        zone = value;
      } else if (key.equals("stub-addr") && (zone == null || zone.equals("."))) {
        roots.add(address(in, line, value));
      } else if (QMIN_KEYS.contains(key)) {
        qmin = Optional.of(bool(in, line, key, value));
      }
    }
  }

  private static InetAddress address(RplReader in, RplLine line, String value) {
    String literal = value.split("[@\\s]", 2)[0]; // Unbound allows addr@port
    InetAddress address;
    try {
      address = InetAddress.getByAddress(Address.getByAddress(literal).getAddress());
    } catch (UnknownHostException e) {
      throw in.error(line, "stub-addr '" + value + "' is not an IP address");
    }
    if (AddressMap.isLabRange(address)) {
      throw in.error(
          line, "stub-addr " + literal + " is in 127.77/16, which the replay keeps for itself");
    }
    return address;
  }

  private static boolean bool(RplReader in, RplLine line, String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on", "yes", "true", "1" -> true;
      case "off", "no", "false", "0" -> false;
      default -> throw in.error(line, key + " must be on or off, not '" + value + "'");
    };
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
