package io.rootwalk.cli;

import io.rootwalk.server.AddressPrefix;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --allow CIDR}: {@code 192.168.0.0/16}, {@code 2001:db8::/32}, or one address ({@code
 * 192.0.2.7} is {@code /32}, {@code 2001:db8::7} is {@code /128}). Literal addresses only, so that
 * parsing the command line never sends a query; a prefix with host bits set is refused with both
 * readings named, not masked (see {@link AddressPrefix}).
 */
final class AllowPrefix implements ITypeConverter<AddressPrefix> {

  /**
   * Parses one prefix.
   *
   * @throws UsageException with the reason, which picocli turns into exit 64
   */
  @Override
  public AddressPrefix convert(String text) {
    try {
      return AddressPrefix.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--allow '" + text + "': " + e.getMessage());
    }
  }
}
