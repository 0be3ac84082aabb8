package io.rootwalk.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Builds a DNS message exactly as written, for a {@link ScriptedAnswer} to send: whatever flags,
 * rcode and sections the test gives, nothing added (not even QR). Records are zone-file text
 * ({@link Records#parse}) or dnsjava records.
 *
 * <pre>{@code
 * Message referral = MessageBuilder.create()
 *     .flags("QR").question("www.example.com.", Type.A)
 *     .authority("example.com. 86400 IN NS ns1.example.com.")
 *     .additional("ns1.example.com. 86400 IN A 127.77.0.3")
 *     .build();
 * }</pre>
 */
public final class MessageBuilder {

  private final Set<Integer> headerFlags = new TreeSet<>();
  private boolean dnssecOk;
  private int rcode = Rcode.NOERROR;
  private int opcode = Opcode.QUERY;
  private final List<List<Record>> sections = List.of(list(), list(), list(), list());

  private MessageBuilder() {}

  /**
   * An empty message: ID 0, opcode QUERY, NOERROR, no flags, no records.
   *
   * @return a new builder
   */
  public static MessageBuilder create() {
    return new MessageBuilder();
  }

  /**
   * Sets header flags by mnemonic: QR AA TC RD RA AD CD, and DO (which adds an OPT record with the
   * DNSSEC OK bit).
   *
   * @param names the flags, case-insensitive
   * @return this builder
   * @throws IllegalArgumentException for a name that is not one of these
   */
  public MessageBuilder flags(String... names) {
    for (String name : names) {
      for (String one : name.trim().split("\\s+")) {
        if (one.isEmpty()) {
          continue;
        }
        if (one.equalsIgnoreCase("DO")) {
          dnssecOk = true;
          continue;
        }
        int flag = headerFlag(one);
        if (flag < 0) {
          throw new IllegalArgumentException(
              "'" + one + "' is not a header flag (QR AA TC RD RA AD CD, or DO)");
        }
        headerFlags.add(flag);
      }
    }
    return this;
  }

  /**
   * The header flag of this mnemonic, one of QR AA TC RD RA AD CD.
   *
   * @param name the mnemonic, case-insensitive
   * @return the dnsjava {@link Flags} bit, or -1 for anything else (Z and DO are not header flags a
   *     scenario sets)
   */
  public static int headerFlag(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "QR" -> Flags.QR;
      case "AA" -> Flags.AA;
      case "TC" -> Flags.TC;
      case "RD" -> Flags.RD;
      case "RA" -> Flags.RA;
      case "AD" -> Flags.AD;
      case "CD" -> Flags.CD;
      default -> -1;
    };
  }

  /**
   * The response code; above 15 (e.g. BADVERS) the upper bits go in an OPT record.
   *
   * @param rcode a dnsjava {@link Rcode} value, 0 to 4095
   * @return this builder
   */
  public MessageBuilder rcode(int rcode) {
    if (rcode < 0 || rcode > 0xFFF) {
      throw new IllegalArgumentException("rcode " + rcode + " is not 0 to 4095");
    }
    this.rcode = rcode;
    return this;
  }

  /**
   * The opcode.
   *
   * @param opcode a dnsjava {@link Opcode} value
   * @return this builder
   */
  public MessageBuilder opcode(int opcode) {
    this.opcode = opcode;
    return this;
  }

  /**
   * Adds a question.
   *
   * @param name the name, absolute or relative to the root
   * @param type the type
   * @return this builder
   */
  public MessageBuilder question(String name, int type) {
    return records(Section.QUESTION, List.of(Records.question(name + " " + typeName(type))));
  }

  /**
   * Adds a question.
   *
   * @param name the name
   * @param type the type
   * @return this builder
   */
  public MessageBuilder question(Name name, int type) {
    return question(name.toString(), type);
  }

  /**
   * Adds answer records, one zone-file line each.
   *
   * @param records such as {@code "www.example.com. 300 IN A 192.0.2.1"}
   * @return this builder
   */
  public MessageBuilder answer(String... records) {
    return parsed(Section.ANSWER, records);
  }

  /**
   * Adds authority records, one zone-file line each.
   *
   * @param records such as {@code "example.com. 3600 IN SOA ..."}
   * @return this builder
   */
  public MessageBuilder authority(String... records) {
    return parsed(Section.AUTHORITY, records);
  }

  /**
   * Adds additional records, one zone-file line each.
   *
   * @param records such as {@code "ns1.example.com. IN A 127.77.0.3"}
   * @return this builder
   */
  public MessageBuilder additional(String... records) {
    return parsed(Section.ADDITIONAL, records);
  }

  /**
   * Adds records to a section as they are.
   *
   * @param section a dnsjava {@link Section} constant
   * @param records the records
   * @return this builder
   */
  public MessageBuilder records(int section, List<Record> records) {
    records.forEach(r -> sections.get(section).add(Objects.requireNonNull(r, "record")));
    return this;
  }

  /**
   * The message, ID 0 (a {@link ScriptedAnswer} copies the query's ID unless told not to).
   *
   * @return a new message each call
   */
  public Message build() {
    Message message = new Message(0);
    message.getHeader().setOpcode(opcode);
    headerFlags.forEach(message.getHeader()::setFlag);
    message.getHeader().setRcode(rcode & 0xF);
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      for (Record r : sections.get(section)) {
        message.addRecord(r, section);
      }
    }
    if (dnssecOk || rcode > 0xF) {
      message.addRecord(
          new OPTRecord(4096, rcode >>> 4, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    return message;
  }

  private MessageBuilder parsed(int section, String... lines) {
    List<Record> parsed = new ArrayList<>();
    for (String line : lines) {
      parsed.add(Records.parse(line));
    }
    return records(section, parsed);
  }

  private static String typeName(int type) {
    return Type.string(type);
  }

  private static List<Record> list() {
    return new ArrayList<>();
  }
}
