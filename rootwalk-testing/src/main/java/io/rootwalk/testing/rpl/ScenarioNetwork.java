package io.rootwalk.testing.rpl;

import io.rootwalk.testing.ScriptedQuery;
import io.rootwalk.testing.ScriptedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link Scenario}'s servers, running: one {@link ScriptedServer} on every lab address, and a
 * root hints file pointing at the scenario's root. {@link #close()} stops the servers and deletes
 * the file.
 */
public final class ScenarioNetwork implements AutoCloseable {

  private final Scenario scenario;
  private final ScriptedServer server;
  private final Path rootHintsFile;

  private ScenarioNetwork(Scenario scenario, ScriptedServer server, Path rootHintsFile) {
    this.scenario = scenario;
    this.server = server;
    this.rootHintsFile = rootHintsFile;
  }

  static ScenarioNetwork start(Scenario scenario) {
    ScriptedServer server =
        ScriptedServer.builder()
            .addresses(scenario.addresses().labAddresses())
            .answers(scenario.answers())
            .start();
    try {
      Path hints = Files.createTempFile("scenario-" + server.port() + "-", ".root");
      Files.writeString(hints, scenario.rootHints(), StandardCharsets.US_ASCII);
      return new ScenarioNetwork(scenario, server, hints);
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("cannot write the root hints of " + scenario, e);
    }
  }

  /** The scenario being served. */
  public Scenario scenario() {
    return scenario;
  }

  /** The port every lab address listens on, for the resolver's upstream port. */
  public int port() {
    return server.port();
  }

  /** A {@code named.root} file listing the scenario's root at its lab address. */
  public Path rootHintsFile() {
    return rootHintsFile;
  }

  /** The scripted servers themselves: the query log, the current step. */
  public ScriptedServer server() {
    return server;
  }

  /**
   * Tells the servers which step is playing, so that RANGEs for it apply.
   *
   * @param step the step number
   */
  public void step(int step) {
    server.step(step);
  }

  /** Every query the servers received so far. */
  public List<ScriptedQuery> queries() {
    return server.queries();
  }

  /** Stops the servers and deletes the hints file. Idempotent. */
  @Override
  public void close() {
    server.close();
    try {
      Files.deleteIfExists(rootHintsFile);
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }
}
