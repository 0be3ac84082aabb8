package io.rootwalk.testing.rpl;

import io.rootwalk.testing.ScriptedAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A resolver test scenario in the plain-text format of Deckard and Unbound's testbound ({@code
 * .rpl}): the CONFIG, the scripted servers (RANGE blocks, already turned into {@link
 * ScriptedAnswer}s on lab addresses) and the STEPs a runner plays against a resolver.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.parse(Path.of("src/test/resources/scenarios/walk.rpl"));
 * try (ScenarioNetwork network = scenario.start()) {
 *   // a resolver with network.rootHintsFile() and network.port(); then play scenario.steps(),
 *   // calling network.step(step.id()) before each
 * }
 * }</pre>
 *
 * <p>See the package documentation for the subset of the format that is supported.
 */
public final class Scenario {

  /** The name every root hint gets: Deckard's CONFIG gives only an address. */
  static final String ROOT_HINT_NAME = "k.root-servers.net.";

  private final String source;
  private final String description;
  private final ScenarioConfig config;
  private final List<Step> steps;
  private final List<ScriptedAnswer> answers;
  private final AddressMap addresses;

  Scenario(
      String source,
      String description,
      ScenarioConfig config,
      List<Step> steps,
      List<ScriptedAnswer> answers,
      AddressMap addresses) {
    this.source = source;
    this.description = description;
    this.config = config;
    this.steps = List.copyOf(steps);
    this.answers = List.copyOf(answers);
    this.addresses = addresses;
  }

  /**
   * Reads a scenario file (UTF-8).
   *
   * @param file the {@code .rpl} file
   * @return the scenario, named after the file
   * @throws ScenarioFormatException if it is malformed or asks for what is not supported; the
   *     message names the file and line
   * @throws UncheckedIOException if it cannot be read
   */
  public static Scenario parse(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file, e);
    }
  }

  /**
   * Reads a scenario from text.
   *
   * @param text the scenario
   * @param source its name in messages, e.g. a file name
   * @return the scenario
   * @throws ScenarioFormatException if it is malformed or asks for what is not supported
   */
  public static Scenario parse(String text, String source) {
    return RplParser.parse(
        Objects.requireNonNull(text, "text"), Objects.requireNonNull(source, "source"));
  }

  /** Where the scenario came from: the file's path, or the source given to {@link #parse}. */
  public String source() {
    return source;
  }

  /** The text after SCENARIO_BEGIN. */
  public String description() {
    return description;
  }

  /** What the CONFIG block says. */
  public ScenarioConfig config() {
    return config;
  }

  /** The steps to play, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** Every RANGE entry as a scripted answer on lab addresses, in file order. */
  public List<ScriptedAnswer> answers() {
    return answers;
  }

  /** Which lab address stands for which scenario server address. */
  public AddressMap addresses() {
    return addresses;
  }

  /**
   * Root hints in {@code named.root} format: the CONFIG's stub addresses, mapped to their lab
   * addresses, as A records of one root server name ({@code k.root-servers.net.}).
   *
   * @return the hints text
   */
  public String rootHints() {
    StringBuilder text = new StringBuilder();
    text.append(".\t3600000\tIN\tNS\t").append(ROOT_HINT_NAME).append('\n');
    for (InetAddress root : config.rootAddresses()) {
      InetAddress lab = addresses.labAddress(root).orElseThrow();
      text.append(ROOT_HINT_NAME)
          .append("\t3600000\tIN\tA\t")
          .append(lab.getHostAddress())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Starts the scenario's servers and writes its root hints file.
   *
   * @return the running network; close it when done
   * @throws UncheckedIOException if the sockets cannot be bound or the file written
   */
  public ScenarioNetwork start() {
    return ScenarioNetwork.start(this);
  }

  @Override
  public String toString() {
    return source + (description.isEmpty() ? "" : " (" + description + ")");
  }
}
