package io.rootwalk.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A wide hierarchy: one TLD, {@code test.} (reserved for testing, RFC 6761 section 6.2), with a
 * given number of delegated zones, all served by the same two hosts, as a hosting provider's name
 * servers serve thousands of customer zones. The TLD glues the two hosts ({@code a.ns.test.},
 * {@code b.ns.test.}: in its own bailiwick), so no name-server address has to be chased.
 *
 * <p>It is the shape of cold traffic to a recursive server: each name in a zone not yet seen costs
 * a referral from the TLD, later names in the zone go straight to its servers. Every name server
 * lives in {@code 127.58.0.0/16}.
 *
 * <pre>
 * .             a.root.test.            127.58.0.1
 * test.         a/b.tld.test.           127.58.1.1-2   delegates z0.test. ... z(n-1).test.
 * zK.test.      a/b.ns.test.            127.58.2.1-2   www A, mail A; nothing else
 * </pre>
 */
public final class ManyZonesWorld {

  /** What a question about one of the world's names gets back. */
  public enum Outcome {
    /** An A record. */
    ANSWER,
    /** The name exists, without the type asked (RFC 2308 section 2.2). */
    NODATA,
    /** The name does not exist (RFC 2308 section 2.1). */
    NXDOMAIN
  }

  /**
   * One question a client can ask of the world and what it gets back.
   *
   * @param name absolute name
   * @param type {@code A} or {@code AAAA}
   * @param outcome the authoritative outcome
   */
  public record Question(String name, String type, Outcome outcome) {}

  private ManyZonesWorld() {}

  /**
   * The world with zones {@code z0.test.} to {@code z(zones-1).test.}.
   *
   * @throws IllegalArgumentException if {@code zones} is not positive
   */
  public static World world(int zones) {
    if (zones < 1) {
      throw new IllegalArgumentException("zones must be positive: " + zones);
    }
    StringBuilder tld =
        new StringBuilder(
            """
            $TTL 172800
            @ 900 SOA a.tld.test. hostmaster.test. 1 1800 900 604800 300
            @ NS a.tld.test.
            @ NS b.tld.test.
            a.tld A 127.58.1.1
            b.tld A 127.58.1.2
            a.ns A 127.58.2.1
            b.ns A 127.58.2.2
            """);
    List<String> origins = new ArrayList<>();
    World.Builder world = World.builder();
    for (int i = 0; i < zones; i++) {
      String origin = zone(i);
      origins.add(origin);
      tld.append(origin).append(" NS a.ns.test.\n").append(origin).append(" NS b.ns.test.\n");
      world.zone(
          origin,
          "$TTL 3600\n"
              + "@ SOA a.ns.test. hostmaster."
              + origin
              + " 1 7200 3600 1209600 300\n"
              + "@ NS a.ns.test.\n@ NS b.ns.test.\n"
              + "www A 192.0.2."
              + (i % 250 + 1)
              + "\nmail A 198.51.100."
              + (i % 250 + 1)
              + "\n");
    }
    String[] served = origins.toArray(new String[0]);
    return world
        .zone(
            ".",
            """
            $TTL 86400
            @ SOA a.root.test. hostmaster.test. 1 1800 900 604800 86400
            @ NS a.root.test.
            a.root.test. A 127.58.0.1
            test. 172800 NS a.tld.test.
            test. 172800 NS b.tld.test.
            a.tld.test. 172800 A 127.58.1.1
            b.tld.test. 172800 A 127.58.1.2
            """)
        .zone("test.", tld.toString())
        .server("a.root.test.", "127.58.0.1", ".")
        .server("a.tld.test.", "127.58.1.1", "test.")
        .server("b.tld.test.", "127.58.1.2", "test.")
        .server("a.ns.test.", "127.58.2.1", served)
        .server("b.ns.test.", "127.58.2.2", served)
        .build();
  }

  /**
   * Four distinct questions per zone, zone by zone: {@code www} A (an answer), {@code mail} A (an
   * answer from the zone's cut, now cached), {@code www} AAAA (NODATA) and a name the zone does not
   * hold (NXDOMAIN).
   */
  public static List<Question> questions(int zones) {
    List<Question> questions = new ArrayList<>(zones * 4);
    for (int i = 0; i < zones; i++) {
      String origin = zone(i);
      questions.add(new Question("www." + origin, "A", Outcome.ANSWER));
      questions.add(new Question("mail." + origin, "A", Outcome.ANSWER));
      questions.add(new Question("www." + origin, "AAAA", Outcome.NODATA));
      questions.add(new Question("absent." + origin, "A", Outcome.NXDOMAIN));
    }
    return questions;
  }

  private static String zone(int i) {
    return "z" + i + ".test.";
  }
}
