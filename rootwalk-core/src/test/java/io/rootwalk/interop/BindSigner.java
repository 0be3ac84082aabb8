package io.rootwalk.interop;

import io.rootwalk.testing.World;
import io.rootwalk.testing.ZoneSpec;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Signs a {@link World}'s zones with BIND 9's own tools, not with Rootwalk's test signer: for each
 * zone, children before parents, {@code dnssec-keygen} makes a KSK ({@code -f KSK}) and a ZSK, then
 * {@code dnssec-signzone -S -K keys -g -d dssets} signs the zone file the world writes. {@code -g}
 * puts into each parent the DS records of the children signed before it (from their {@code dsset-}
 * files), so a zone left {@link Builder#unsigned unsigned} is an insecure delegation: its parent is
 * signed without DS for it, and proves that with NSEC or NSEC3. The zones of one depth are signed
 * side by side.
 *
 * <p>The signed files are read back as the zones of a new world (same servers), and the root's
 * {@code dsset-.} is the trust anchor. The signatures are made for a window around the real current
 * time ({@code -s}/{@code -e}, absolute UTC), because a daemon serves the files as signed.
 *
 * <p>Every tool run is bounded ({@link #TOOL_TIMEOUT}); a tool that fails or hangs fails the
 * signing with its command line, exit status and stderr in the message.
 */
final class BindSigner {

  /** The most one {@code dnssec-keygen} or {@code dnssec-signzone} run may take. */
  static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);

  /** Before the signing time: covers a validating clock a little behind this one. */
  static final Duration DEFAULT_INCEPTION_BEFORE = Duration.ofHours(1);

  /** After the signing time: far longer than a test run, far shorter than the 30-day default. */
  static final Duration DEFAULT_EXPIRATION_AFTER = Duration.ofDays(2);

  /** How many tools run at once: the zones of one depth are signed side by side. */
  private static final int PARALLEL_TOOLS = 4;

  private static final DateTimeFormatter SIGNZONE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** The algorithms zones can be signed with, by their BIND names. */
  enum Algorithm {
    RSASHA256(8, "-b", "2048"),
    ECDSAP256SHA256(13),
    ED25519(15);

    private final int number;
    private final List<String> keygenOptions;

    Algorithm(int number, String... keygenOptions) {
      this.number = number;
      this.keygenOptions = List.of(keygenOptions);
    }

    /** The IANA algorithm number, as in DNSKEY, DS and RRSIG records. */
    int number() {
      return number;
    }
  }

  /** How a signed zone denies existence: the options {@code dnssec-signzone} gets for it. */
  record Denial(boolean nsec3, String salt, boolean optOut) {

    /** NSEC, {@code dnssec-signzone}'s default. */
    static final Denial NSEC = new Denial(false, "", false);

    Denial {
      Objects.requireNonNull(salt, "salt");
    }

    /** NSEC3 with this hex salt ({@code -3 salt}) and no extra iterations. */
    static Denial nsec3(String salt) {
      return new Denial(true, salt, false);
    }

    /** NSEC3 with Opt-Out ({@code -3 salt -A}): unsigned delegations are left out of the chain. */
    static Denial nsec3OptOut(String salt) {
      return new Denial(true, salt, true);
    }

    List<String> options() {
      if (!nsec3) {
        return List.of();
      }
      List<String> options = new ArrayList<>(List.of("-3", salt.isEmpty() ? "-" : salt));
      if (optOut) {
        options.add("-A");
      }
      return options;
    }

    @Override
    public String toString() {
      return !nsec3 ? "NSEC" : optOut ? "NSEC3 opt-out" : "NSEC3";
    }
  }

  /** The two tools, found on PATH (or where {@code -Drootwalk.interop.bindtools=DIR} says). */
  record Tools(Path keygen, Path signzone) {

    static final String DIRECTORY_PROPERTY = "rootwalk.interop.bindtools";

    static Optional<Tools> find() {
      Optional<Path> keygen = find("dnssec-keygen");
      Optional<Path> signzone = find("dnssec-signzone");
      return keygen.isPresent() && signzone.isPresent()
          ? Optional.of(new Tools(keygen.orElseThrow(), signzone.orElseThrow()))
          : Optional.empty();
    }

    private static Optional<Path> find(String tool) {
      String override = System.getProperty(DIRECTORY_PROPERTY);
      Stream<String> dirs =
          override != null
              ? Stream.of(override)
              : Stream.concat(
                  Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                      .filter(p -> !p.isBlank()),
                  Stream.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"));
      return dirs.map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    static String missingMessage() {
      return "BIND-signed interop tests need 'dnssec-keygen' and 'dnssec-signzone', which are"
          + (System.getProperty(DIRECTORY_PROPERTY) == null
              ? " not on PATH nor in /usr/bin"
              : " not in " + DIRECTORY_PROPERTY + "=" + System.getProperty(DIRECTORY_PROPERTY))
          + ": install them with `sudo apt-get install -y bind9-utils` (Debian/Ubuntu) or point"
          + " -D"
          + DIRECTORY_PROPERTY
          + "=DIR at a directory holding both";
    }
  }

  private final World world;
  private final Set<Name> unsigned;
  private final Algorithm defaultAlgorithm;
  private final Map<Name, Algorithm> algorithms;
  private final Denial defaultDenial;
  private final Map<Name, Denial> denials;
  private final Instant inception;
  private final Instant expiration;
  private final Tools tools;

  private BindSigner(Builder b) {
    this.world = b.world;
    this.unsigned = Set.copyOf(b.unsigned);
    this.defaultAlgorithm = b.defaultAlgorithm;
    this.algorithms = Map.copyOf(b.algorithms);
    this.defaultDenial = b.defaultDenial;
    this.denials = Map.copyOf(b.denials);
    this.inception = b.inception;
    this.expiration = b.expiration;
    this.tools = b.tools;
  }

  /** Signs every zone of {@code world} (unless told otherwise) with ECDSAP256SHA256 and NSEC. */
  static Builder builder(World world, Tools tools) {
    return new Builder(world, tools);
  }

  /** What {@link BindSigner} should do; {@link #sign(Path)} runs the tools. */
  static final class Builder {
    private final World world;
    private final Tools tools;
    private final Set<Name> unsigned = new LinkedHashSet<>();
    private Algorithm defaultAlgorithm = Algorithm.ECDSAP256SHA256;
    private final Map<Name, Algorithm> algorithms = new HashMap<>();
    private Denial defaultDenial = Denial.NSEC;
    private final Map<Name, Denial> denials = new HashMap<>();
    private Instant inception;
    private Instant expiration;

    private Builder(World world, Tools tools) {
      this.world = Objects.requireNonNull(world, "world");
      this.tools = Objects.requireNonNull(tools, "tools");
      Instant now = Instant.now();
      this.inception = now.minus(DEFAULT_INCEPTION_BEFORE);
      this.expiration = now.plus(DEFAULT_EXPIRATION_AFTER);
    }

    /** Leaves these zones as they are: their parents get no DS for them. */
    Builder unsigned(String... zones) {
      for (String zone : zones) {
        unsigned.add(zoneOf(zone));
      }
      return this;
    }

    /** The algorithm of every zone without one of its own. */
    Builder algorithm(Algorithm algorithm) {
      this.defaultAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** The algorithm of both keys of one zone. */
    Builder algorithm(String zone, Algorithm algorithm) {
      algorithms.put(zoneOf(zone), Objects.requireNonNull(algorithm, "algorithm"));
      return this;
    }

    /** The denial of every zone without one of its own. */
    Builder denial(Denial denial) {
      this.defaultDenial = Objects.requireNonNull(denial, "denial");
      return this;
    }

    /** The denial of one zone. */
    Builder denial(String zone, Denial denial) {
      denials.put(zoneOf(zone), Objects.requireNonNull(denial, "denial"));
      return this;
    }

    /** The signatures' inception and expiration ({@code -s}, {@code -e}; whole seconds, UTC). */
    Builder validity(Instant inception, Instant expiration) {
      if (!inception.isBefore(expiration)) {
        throw new IllegalArgumentException(
            "inception " + inception + " is not before expiration " + expiration);
      }
      this.inception = inception;
      this.expiration = expiration;
      return this;
    }

    /**
     * Generates the keys and signs the zones in {@code dir} (created if missing; {@code unsigned/},
     * {@code keys/}, {@code dssets/}, {@code signed/} and the tools' {@code logs/} in it).
     *
     * @throws IllegalStateException if a tool fails or does not finish within {@link
     *     #TOOL_TIMEOUT}; the message has its command line and stderr
     */
    BindSigned sign(Path dir) {
      return new BindSigner(this).run(dir);
    }

    private Name zoneOf(String zone) {
      Name name;
      try {
        name = Name.fromString(zone, Name.root);
      } catch (TextParseException e) {
        throw new IllegalArgumentException("'" + zone + "' is not a DNS name", e);
      }
      if (world.zone(name).isEmpty()) {
        throw new IllegalArgumentException("the world has no zone " + name);
      }
      return name;
    }
  }

  private BindSigned run(Path dir) {
    Path input = dir.resolve("unsigned");
    Path keys = dir.resolve("keys");
    Path dssets = dir.resolve("dssets");
    Path output = dir.resolve("signed");
    Path logs = dir.resolve("logs");
    try {
      for (Path d : List.of(keys, dssets, output, logs)) {
        Files.createDirectories(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the signing directories in " + dir, e);
    }
    List<Path> written = world.writeZoneFiles(input);
    Map<Name, Path> files = new HashMap<>();
    for (int i = 0; i < written.size(); i++) {
      files.put(world.zones().get(i).origin(), written.get(i));
    }
    // Deepest first: every zone is signed after all of its descendants, so -g finds their dssets.
    // The zones of one depth do not depend on each other and are signed side by side.
    Map<Integer, List<ZoneSpec>> byDepth = new TreeMap<>(Comparator.reverseOrder());
    for (ZoneSpec zone : world.zones()) {
      if (!unsigned.contains(zone.origin())) {
        byDepth.computeIfAbsent(zone.origin().labels(), d -> new ArrayList<>()).add(zone);
      }
    }
    Tool tool = new Tool(logs);
    Map<Name, BindSigned.Zone> signed = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_TOOLS);
    try {
      for (List<ZoneSpec> level : byDepth.values()) {
        List<Future<BindSigned.Zone>> running = new ArrayList<>();
        for (ZoneSpec zone : level) {
          running.add(pool.submit(() -> signOne(zone, files, keys, dssets, output, tool)));
        }
        for (Future<BindSigned.Zone> zone : running) {
          BindSigned.Zone done = await(zone);
          signed.put(done.origin(), done);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new BindSigned(world, signed, dir, inception, expiration);
  }

  /** Two dnssec-keygen runs and one dnssec-signzone run for one zone. */
  private BindSigned.Zone signOne(
      ZoneSpec zone, Map<Name, Path> files, Path keys, Path dssets, Path output, Tool tool) {
    Name origin = zone.origin();
    Algorithm algorithm = algorithms.getOrDefault(origin, defaultAlgorithm);
    Denial denial = denials.getOrDefault(origin, defaultDenial);
    int ksk = tool.keygen(tools.keygen(), keys, origin, algorithm, true);
    int zsk = tool.keygen(tools.keygen(), keys, origin, algorithm, false);
    Path signedFile = output.resolve(zone.fileName() + ".signed");
    List<String> command = new ArrayList<>();
    command.add(tools.signzone().toString());
    command.addAll(List.of("-S", "-K", keys.toString()));
    command.addAll(List.of("-g", "-d", dssets.toString()));
    command.addAll(List.of("-O", "full", "-j", "0", "-n", "1"));
    command.addAll(List.of("-s", SIGNZONE_TIME.format(inception)));
    command.addAll(List.of("-e", SIGNZONE_TIME.format(expiration)));
    command.addAll(denial.options());
    command.addAll(List.of("-o", origin.toString(), "-f", signedFile.toString()));
    command.add(files.get(origin).toString());
    tool.run(command, "signzone-" + label(origin));
    return new BindSigned.Zone(
        origin,
        algorithm,
        denial,
        ksk,
        zsk,
        read(signedFile),
        read(dssets.resolve("dsset-" + origin)));
  }

  /** The zone a pool thread signed; its failure rethrown as it was. */
  private static BindSigned.Zone await(Future<BindSigned.Zone> zone) {
    try {
      return zone.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signing", e);
    }
  }

  private static String label(Name origin) {
    return origin.equals(Name.root) ? "root" : origin.toString(true);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Runs one tool to completion, bounded, its output in the log directory. */
  private static final class Tool {
    private static final Pattern KEY_NAME = Pattern.compile("^K.*\\+(\\d{3})\\+(\\d{5})$");

    private final Path logs;
    private final AtomicInteger runs = new AtomicInteger();

    Tool(Path logs) {
      this.logs = logs;
    }

    /** {@code dnssec-keygen -q -K keys -a ALG [-f KSK] -n ZONE origin}: the new key's tag. */
    int keygen(Path binary, Path keys, Name origin, Algorithm algorithm, boolean ksk) {
      List<String> command = new ArrayList<>();
      command.addAll(List.of(binary.toString(), "-q", "-K", keys.toString()));
      command.addAll(List.of("-a", algorithm.name()));
      command.addAll(algorithm.keygenOptions);
      if (ksk) {
        command.addAll(List.of("-f", "KSK"));
      }
      command.addAll(List.of("-n", "ZONE", origin.toString()));
      String out = run(command, "keygen-" + label(origin) + (ksk ? "-ksk" : "-zsk")).strip();
      Matcher m = KEY_NAME.matcher(out);
      if (!m.matches() || Integer.parseInt(m.group(1)) != algorithm.number()) {
        throw new IllegalStateException(
            "`" + String.join(" ", command) + "` printed '" + out + "', not a key name");
      }
      return Integer.parseInt(m.group(2));
    }

    /** Runs the command; its stdout, or an exception with its stderr. */
    String run(List<String> command, String name) {
      String base = String.format("%03d-%s", runs.incrementAndGet(), name);
      Path stdout = logs.resolve(base + ".out");
      Path stderr = logs.resolve(base + ".err");
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        process.getOutputStream().close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start `" + String.join(" ", command) + "`", e);
      }
      try {
        if (!process.waitFor(TOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          throw new IllegalStateException(
              "`"
                  + String.join(" ", command)
                  + "` did not finish within "
                  + TOOL_TIMEOUT.toSeconds()
                  + " s and was killed; stderr:\n"
                  + read(stderr).strip());
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted running `" + String.join(" ", command) + "`");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "`"
                + String.join(" ", command)
                + "` failed with exit status "
                + process.exitValue()
                + "; stderr:\n"
                + read(stderr).strip()
                + "\nstdout:\n"
                + read(stdout).strip());
      }
      return read(stdout);
    }
  }

  /**
   * The text of a signed zone file with one character of the signature of the RRSIG covering {@code
   * type} at {@code owner} changed (in the middle of its base64, so the decoded bytes change and
   * the text stays valid base64).
   *
   * @throws IllegalArgumentException if there is no such RRSIG line
   */
  static String corruptSignature(String signedText, String owner, String type) {
    String[] lines = signedText.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] fields = lines[i].trim().split("\\s+");
      // -O full: owner TTL class RRSIG covered alg labels ttl expiration inception tag signer sig
      if (fields.length >= 13
          && fields[0].equalsIgnoreCase(owner)
          && fields[3].equals("RRSIG")
          && fields[4].equalsIgnoreCase(type)) {
        String signature = fields[fields.length - 1];
        int at = signature.length() / 2;
        char flipped = signature.charAt(at) == 'A' ? 'B' : 'A';
        String corrupted = signature.substring(0, at) + flipped + signature.substring(at + 1);
        int end = lines[i].lastIndexOf(signature);
        lines[i] =
            lines[i].substring(0, end) + corrupted + lines[i].substring(end + signature.length());
        return String.join("\n", lines);
      }
    }
    throw new IllegalArgumentException("no RRSIG " + type + " line for " + owner + " in the file");
  }

  /**
   * The result: the signed world (the signed zones read back from {@code dnssec-signzone}'s files,
   * the unsigned ones as they were, the same servers) and what the tools made for each zone.
   */
  static final class BindSigned {

    /**
     * One signed zone.
     *
     * @param origin the zone
     * @param algorithm its keys' algorithm
     * @param denial NSEC or NSEC3
     * @param kskTag the key tag of its key-signing key
     * @param zskTag the key tag of its zone-signing key
     * @param signedText the file {@code dnssec-signzone} wrote
     * @param dsset the {@code dsset-} file it wrote: the DS records for the parent
     */
    record Zone(
        Name origin,
        Algorithm algorithm,
        Denial denial,
        int kskTag,
        int zskTag,
        String signedText,
        String dsset) {

      /**
       * The records of {@link #dsset()} (which gives no TTL), as {@code -g} put them in the parent.
       */
      List<Record> dsRecords() {
        List<Record> records = new ArrayList<>();
        try (Master master =
            new Master(
                new ByteArrayInputStream(dsset.getBytes(StandardCharsets.UTF_8)),
                Name.root,
                3600)) {
          for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
            records.add(r);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("the dsset of " + origin + " does not parse", e);
        }
        return records;
      }
    }

    private final World unsignedWorld;
    private final Map<Name, Zone> zones;
    private final Path dir;
    private final Instant inception;
    private final Instant expiration;
    private final World world;

    private BindSigned(
        World unsignedWorld,
        Map<Name, Zone> zones,
        Path dir,
        Instant inception,
        Instant expiration) {
      this.unsignedWorld = unsignedWorld;
      this.zones = Map.copyOf(zones);
      this.dir = dir;
      this.inception = inception;
      this.expiration = expiration;
      World.Builder builder = unsignedWorld.toBuilder();
      zones.values().forEach(z -> builder.zone(z.origin().toString(), z.signedText()));
      this.world = builder.build();
    }

    /** The world to serve: every signed zone as dnssec-signzone wrote it. */
    World world() {
      return world;
    }

    /** The root's {@code dsset-.} file: the trust anchor of the signed world. */
    String trustAnchorText() {
      return zone(".").dsset();
    }

    /** One signed zone. */
    Zone zone(String origin) {
      Zone zone = zones.get(name(origin));
      if (zone == null) {
        throw new IllegalArgumentException(origin + " was not signed");
      }
      return zone;
    }

    boolean isSigned(String origin) {
      return zones.containsKey(name(origin));
    }

    /** Where the keys, dssets, signed files and tool logs are. */
    Path dir() {
      return dir;
    }

    Instant inception() {
      return inception;
    }

    Instant expiration() {
      return expiration;
    }

    /**
     * The same signing with one zone's signed file edited before it is read back, e.g. by {@link
     * #corruptSignature}: as if someone changed the file after {@code dnssec-signzone} wrote it.
     */
    BindSigned withSignedText(String origin, UnaryOperator<String> edit) {
      Zone zone = zone(origin);
      Map<Name, Zone> edited = new LinkedHashMap<>(zones);
      edited.put(
          zone.origin(),
          new Zone(
              zone.origin(),
              zone.algorithm(),
              zone.denial(),
              zone.kskTag(),
              zone.zskTag(),
              edit.apply(zone.signedText()),
              zone.dsset()));
      return new BindSigned(unsignedWorld, edited, dir, inception, expiration);
    }

    private static Name name(String origin) {
      try {
        return Name.fromString(origin, Name.root);
      } catch (TextParseException e) {
        throw new IllegalArgumentException("'" + origin + "' is not a DNS name", e);
      }
    }

    @Override
    public String toString() {
      return "BindSigned[" + zones.size() + " zones signed in " + dir + "]";
    }
  }
}
