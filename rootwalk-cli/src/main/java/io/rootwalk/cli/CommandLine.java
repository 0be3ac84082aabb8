package io.rootwalk.cli;

import io.rootwalk.Question;
import io.rootwalk.RootHints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * Parses {@code rootwalk} arguments into a {@link Command}, turning every problem into a {@link
 * UsageException} with a one-line reason. Hints files are read here, so an unreadable file is a
 * usage error (exit 64) and not a resolution failure.
 */
final class CommandLine {

  private CommandLine() {}

  /**
   * True when {@code --verbose} appears anywhere: read before parsing, to set the log level first.
   */
  static boolean wantsVerbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static Command parse(String[] args) {
    if (args.length == 0) {
      throw new UsageException("no command given");
    }
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help")) {
        return new Command.Help();
      }
    }
    String command = args[0];
    Flags flags = Flags.parse(args);
    switch (command) {
      case "demo":
        flags.expectPositionals(0, 0, "demo takes no arguments");
        flags.reject(command, "--root-hints", "--upstream-port", "--listen", "--json");
        return new Command.Demo();
      case "lookup":
      case "trace":
        flags.reject(command, "--listen");
        flags.expectPositionals(1, 2, command + " needs NAME and at most one TYPE");
        return new Command.Query(
            command.equals("trace"), question(flags.positionals), upstreams(flags), flags.json);
      case "serve":
        flags.reject(command, "--json");
        flags.expectPositionals(0, 0, "serve takes no positional arguments");
        String listen =
            flags.listen.orElseThrow(() -> new UsageException("serve needs --listen ADDR:PORT"));
        return new Command.Serve(listenAddress(listen), upstreams(flags));
      default:
        throw new UsageException("unknown command '" + command + "'");
    }
  }

  private static Question question(List<String> positionals) {
    String name = positionals.get(0);
    String type = positionals.size() > 1 ? positionals.get(1) : "A";
    int typeValue;
    try {
      typeValue = Question.parseType(type);
    } catch (IllegalArgumentException e) {
      if (type.contains(".")) { // `lookup a.com b.com`: a second name, not a misspelt type
        throw new UsageException("one NAME at a time: '" + type + "' is not a record type");
      }
      throw new UsageException(
          Objects.requireNonNullElse(e.getMessage(), "unknown record type: " + type));
    }
    try {
      return new Question(Question.parseName(name), typeValue);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          Objects.requireNonNullElse(e.getMessage(), "malformed domain name: " + name));
    }
  }

  private static Command.Upstreams upstreams(Flags flags) {
    RootHints hints;
    if (flags.rootHints.isPresent()) {
      hints = readHints(flags.rootHints.get());
    } else {
      // The real internet: the right default for users; tests always pass --root-hints.
      hints = RootHints.iana();
    }
    return new Command.Upstreams(
        hints, flags.upstreamPort.map(p -> port("--upstream-port", p, 1)).orElse(53));
  }

  /**
   * Reads and parses a hints file, with the reason in words: the CLI reads the file itself (as
   * {@link RootHints#fromFile} would, US-ASCII) so that no exception class name reaches the user.
   */
  private static RootHints readHints(String file) {
    if (file.isEmpty()) {
      throw new UsageException("--root-hints needs a file name");
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UsageException("root hints file name is not a valid path: " + printable(file));
    }
    String shown = printable(file);
    if (Files.isDirectory(path)) {
      throw new UsageException("root hints file " + shown + " is a directory");
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read root hints file " + shown + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException("cannot read root hints file " + shown + ": permission denied");
    } catch (CharacterCodingException e) {
      throw new UsageException("cannot read root hints file " + shown + ": not ASCII text");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UsageException("cannot read root hints file " + shown + ": " + oneLine(reason));
    }
    try {
      return RootHints.parse(text, shown);
    } catch (IllegalArgumentException e) {
      throw new UsageException(oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** Control characters (a newline in an argument) would break the one-line contract: escaped. */
  static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /**
   * {@code 127.0.0.1:5300}, {@code [::1]:0}. Literal addresses only: parsing never sends a query.
   */
  static InetSocketAddress listenAddress(String text) {
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
    return new InetSocketAddress(address, port("--listen port", port, 0));
  }

  private static int port(String what, String text, int min) {
    try {
      int port = Integer.parseInt(text);
      if (port >= min && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        what + " must be a number in " + min + "..65535 but was '" + text + "'");
  }

  private static String oneLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** The flags of every command, collected first and then checked against the command. */
  private static final class Flags {
    final List<String> positionals = new ArrayList<>();
    final List<String> seen = new ArrayList<>();
    Optional<String> rootHints = Optional.empty();
    Optional<String> upstreamPort = Optional.empty();
    Optional<String> listen = Optional.empty();
    boolean json;

    static Flags parse(String[] args) {
      Flags f = new Flags();
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        if (!arg.startsWith("--")) {
          if (arg.startsWith("-") && arg.length() > 1) {
            throw new UsageException("unknown option '" + arg + "'");
          }
          f.positionals.add(arg);
          continue;
        }
        String name = arg;
        Optional<String> inline = Optional.empty();
        int eq = arg.indexOf('=');
        if (eq > 0) {
          name = arg.substring(0, eq);
          inline = Optional.of(arg.substring(eq + 1));
        }
        if (f.seen.contains(name)) {
          throw new UsageException("option " + name + " given twice");
        }
        f.seen.add(name);
        switch (name) {
          case "--json":
          case "--verbose":
            if (inline.isPresent()) {
              throw new UsageException("option " + name + " takes no value");
            }
            f.json |= name.equals("--json");
            break;
          case "--root-hints":
          case "--upstream-port":
          case "--listen":
            String value;
            if (inline.isPresent()) {
              value = inline.get();
            } else if (i + 1 < args.length) {
              value = args[++i];
            } else {
              throw new UsageException("option " + name + " needs a value");
            }
            if (name.equals("--root-hints")) {
              f.rootHints = Optional.of(value);
            } else if (name.equals("--upstream-port")) {
              f.upstreamPort = Optional.of(value);
            } else {
              f.listen = Optional.of(value);
            }
            break;
          default:
            throw new UsageException("unknown option '" + name + "'");
        }
      }
      return f;
    }

    void reject(String command, String... options) {
      for (String option : options) {
        if (seen.contains(option)) {
          throw new UsageException("option " + option + " does not apply to " + command);
        }
      }
    }

    void expectPositionals(int min, int max, String message) {
      if (positionals.size() < min || positionals.size() > max) {
        throw new UsageException(
            message
                + (positionals.size() > max ? ": unexpected '" + positionals.get(max) + "'" : ""));
      }
    }
  }
}
