package io.rootwalk.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --listen ADDR:PORT}: {@code 127.0.0.1:5300}, {@code [::1]:0}. Literal addresses only, so
 * that parsing the command line never sends a query.
 */
final class ListenAddress implements ITypeConverter<InetSocketAddress> {

  /**
   * Parses {@code ADDR:PORT}, an IPv6 address in brackets.
   *
   * @throws UsageException with the reason, which picocli turns into exit 64
   */
  @Override
  public InetSocketAddress convert(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new UsageException("--listen wants [IPV6]:PORT but got '" + text + "'");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0 || text.indexOf(':') != colon) {
        throw new UsageException(
            "--listen wants ADDR:PORT (IPv6 as [::1]:PORT) but got '" + text + "'");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    InetAddress address;
    try {
      address = Address.getByAddress(host);
    } catch (UnknownHostException e) {
      throw new UsageException("--listen address '" + host + "' is not an IP address literal");
    }
    return new InetSocketAddress(address, PortNumber.parse("--listen port", port, 0));
  }
}
