package io.rootwalk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code rootwalk --version}: {@code rootwalk 0.1.0}. The version comes from {@code
 * version.properties}, which Maven's resource filtering writes the project version into; a resource
 * is found the same way in target/classes (tests) and in the shaded jar, which a manifest's {@code
 * Implementation-Version} is not.
 */
final class Version implements IVersionProvider {

  private static final String RESOURCE = "version.properties";

  /** The one line {@code --version} prints. */
  @Override
  public String[] getVersion() {
    return new String[] {"rootwalk " + number()};
  }

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String number() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String version = properties.getProperty("version", "");
    if (version.isEmpty() || version.startsWith("${")) {
      throw new IllegalStateException(RESOURCE + " was not filtered: version=" + version);
    }
    return version;
  }
}
