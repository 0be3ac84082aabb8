package io.rootwalk.testing;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;

/**
 * One canned reply of a {@link ScriptedServer}: which queries it answers (name, type, opcode,
 * optionally the transport, the servers and a range of steps) and the message it sends back.
 * Immutable; made with {@link #forQuery(String, int)} or {@link #forAnyQuery()}.
 *
 * <pre>{@code
 * ScriptedAnswer.forQuery("www.example.com.", Type.A)
 *     .at("127.77.0.3").steps(0, 9)
 *     .reply(MessageBuilder.create().flags("QR AA").question("www.example.com.", Type.A)
 *         .answer("www.example.com. 300 IN A 192.0.2.1").build());
 * }</pre>
 *
 * <p>The reply goes out as given (never truncated, flags untouched: set TC yourself) with these
 * adjustments, as Deckard's {@code ADJUST}: the query's ID and the spelling of its name in the
 * first question ({@code copy_id}, on by default), the whole question section ({@code copy_query})
 * and an OPT record exactly when the query had one, carrying the query's EDNS version and flags
 * (what Deckard does to every scripted reply; off by default here).
 */
public final class ScriptedAnswer {

  private final QueryMatch match;
  private final Optional<Message> reply;
  private final boolean copyId;
  private final boolean copyQuery;
  private final boolean mirrorEdns;
  private final @Nullable String label;

  private ScriptedAnswer(Builder b, Optional<Message> reply) {
    this.match =
        new QueryMatch(
            b.qname,
            b.subdomains,
            b.caseSensitive,
            b.qtype,
            b.opcode,
            b.protocol,
            b.servers,
            b.firstStep,
            b.lastStep);
    this.reply = reply.map(Message::clone);
    this.copyId = b.copyId;
    this.copyQuery = b.copyQuery;
    this.mirrorEdns = b.mirrorEdns;
    this.label = b.label;
  }

  /**
   * Starts an answer for queries of exactly this name (case-insensitive) and type, opcode QUERY, to
   * any server, over either transport, at any step.
   *
   * @param qname the question name, absolute or relative to the root
   * @param qtype the question type (a dnsjava {@code Type} constant)
   * @return a builder; finish with {@link Builder#reply} or {@link Builder#noReply}
   */
  public static Builder forQuery(String qname, int qtype) {
    return forQuery(World.Names.absolute(qname, "qname"), qtype);
  }

  /**
   * Starts an answer for queries of exactly this name (case-insensitive) and type; see {@link
   * #forQuery(String, int)}.
   *
   * @param qname the question name
   * @param qtype the question type
   * @return a builder
   */
  public static Builder forQuery(Name qname, int qtype) {
    return new Builder().name(Objects.requireNonNull(qname, "qname")).type(qtype);
  }

  /**
   * Starts an answer for every query with opcode QUERY; narrow it with the builder.
   *
   * @return a builder; finish with {@link Builder#reply} or {@link Builder#noReply}
   */
  public static Builder forAnyQuery() {
    return new Builder();
  }

  /**
   * Whether this answer is the one for {@code query}.
   *
   * @param step the server's current step
   * @param server the address the query was sent to
   * @param protocol the transport it came over
   * @param query the parsed query
   * @return true when every condition of this answer holds
   */
  public boolean matches(int step, InetAddress server, Wire protocol, Message query) {
    return match.matches(step, server, protocol, query);
  }

  /**
   * The reply to {@code query}, adjusted as this answer says, or empty if it answers by silence.
   *
   * @param query the query this answer {@link #matches}
   * @return a new message each call
   */
  public Optional<Message> replyTo(Message query) {
    return reply.map(
        template -> ReplyAdjuster.adjust(template, query, copyId, copyQuery, mirrorEdns));
  }

  /** The servers this answer is limited to; empty for all of them. */
  public Set<InetAddress> servers() {
    return match.servers();
  }

  /** The label given with {@link Builder#label}, or a description of the match. */
  public String label() {
    return label != null ? label : describe();
  }

  @Override
  public String toString() {
    return label != null ? label + " (" + describe() + ")" : describe();
  }

  private String describe() {
    return match.describe() + (reply.isEmpty() ? " -> no reply" : "");
  }

  /** What a {@link ScriptedAnswer} matches and how it adjusts its reply; not thread-safe. */
  public static final class Builder {
    private @Nullable Name qname;
    private boolean subdomains;
    private boolean caseSensitive;
    private int qtype = -1;
    private int opcode = Opcode.QUERY;
    private @Nullable Wire protocol;
    private final Set<InetAddress> servers = new LinkedHashSet<>();
    private int firstStep;
    private int lastStep = Integer.MAX_VALUE;
    private boolean copyId = true;
    private boolean copyQuery;
    private boolean mirrorEdns;
    private @Nullable String label;

    private Builder() {}

    private Builder name(Name name) {
      this.qname = name;
      return this;
    }

    /**
     * Matches only this question type.
     *
     * @param type a dnsjava {@code Type} constant
     * @return this builder
     */
    public Builder type(int type) {
      org.xbill.DNS.Type.check(type);
      this.qtype = type;
      return this;
    }

    /**
     * Matches any question type (Deckard: no {@code qtype} in MATCH).
     *
     * @return this builder
     */
    public Builder anyType() {
      this.qtype = -1;
      return this;
    }

    /**
     * Matches names at or below the name (Deckard's {@code subdomain}).
     *
     * @return this builder
     */
    public Builder subdomains() {
      requireName("subdomains()");
      this.subdomains = true;
      return this;
    }

    /**
     * Matches the name's letter case exactly (Deckard's {@code qcase}).
     *
     * @return this builder
     */
    public Builder caseSensitive() {
      requireName("caseSensitive()");
      this.caseSensitive = true;
      return this;
    }

    /**
     * Matches only this opcode (QUERY unless set).
     *
     * @param opcode a dnsjava {@code Opcode} value, or -1 for any
     * @return this builder
     */
    public Builder opcode(int opcode) {
      this.opcode = opcode;
      return this;
    }

    /**
     * Matches only queries over this transport (Unbound's {@code MATCH TCP} / {@code UDP}).
     *
     * @param protocol UDP or TCP
     * @return this builder
     */
    public Builder over(Wire protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /**
     * Matches only queries to these server addresses (a Deckard RANGE's {@code ADDRESS} lines).
     *
     * @param addresses literal addresses such as {@code "127.77.0.3"}
     * @return this builder
     */
    public Builder at(String... addresses) {
      for (String address : addresses) {
        servers.add(ScriptedServer.literal(address));
      }
      return this;
    }

    /**
     * Matches only queries to these server addresses.
     *
     * @param addresses the addresses
     * @return this builder
     */
    public Builder at(Iterable<InetAddress> addresses) {
      addresses.forEach(a -> servers.add(Objects.requireNonNull(a, "address")));
      return this;
    }

    /**
     * Matches only while the server's step is in {@code first..last}, both included (a RANGE).
     *
     * @param first the first step
     * @param last the last step, at least {@code first}
     * @return this builder
     */
    public Builder steps(int first, int last) {
      if (first > last) {
        throw new IllegalArgumentException("steps " + first + ".." + last + " are empty");
      }
      this.firstStep = first;
      this.lastStep = last;
      return this;
    }

    /**
     * Whether the reply takes the query's ID and name spelling (default true: a reply with another
     * ID is dropped by any resolver, which is what {@code false} is for).
     *
     * @param copy whether to copy
     * @return this builder
     */
    public Builder copyId(boolean copy) {
      this.copyId = copy;
      return this;
    }

    /**
     * The reply's question section is the query's (Deckard's {@code copy_query}).
     *
     * @return this builder
     */
    public Builder copyQuery() {
      this.copyQuery = true;
      return this;
    }

    /**
     * The reply has an OPT record exactly when the query had, as Deckard does.
     *
     * @return this builder
     */
    public Builder mirrorEdns() {
      this.mirrorEdns = true;
      return this;
    }

    /**
     * Names the answer in the query log and in messages, e.g. {@code "walk.rpl:42"}.
     *
     * @param label the name
     * @return this builder
     */
    public Builder label(String label) {
      this.label = Objects.requireNonNull(label, "label");
      return this;
    }

    /**
     * Finishes the answer: matching queries get {@code message}, adjusted as configured.
     *
     * @param message the reply; copied, so later changes to it do not show
     * @return the answer
     */
    public ScriptedAnswer reply(Message message) {
      return new ScriptedAnswer(this, Optional.of(Objects.requireNonNull(message, "message")));
    }

    /**
     * Finishes the answer: matching queries get no reply at all (Deckard's {@code do_not_answer}).
     *
     * @return the answer
     */
    public ScriptedAnswer noReply() {
      return new ScriptedAnswer(this, Optional.empty());
    }

    private void requireName(String what) {
      if (qname == null) {
        throw new IllegalStateException(what + " needs a name: start with forQuery(name, type)");
      }
    }
  }
}
