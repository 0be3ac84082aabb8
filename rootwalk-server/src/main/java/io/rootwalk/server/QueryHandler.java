package io.rootwalk.server;

import io.rootwalk.LookupOptions;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Resolver;
import io.rootwalk.SecurityStatus;
import io.rootwalk.Status;
import io.rootwalk.StepKind;
import io.rootwalk.TraceStep;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query packet into a response, whatever the transport: validation (FORMERR, NOTIMP,
 * REFUSED, BADVERS), EDNS(0) negotiation, then resolution (RD=1, asynchronous) or a cache-only
 * answer (RD=0). Never throws: a packet that cannot even be answered is dropped.
 *
 * <p>Two paths. The fast one ({@link #fastUdpReply}, {@link #fastTcpReply}) reads bytes only: a
 * client off the {@link AllowList} is refused and junk is answered or dropped by its header ({@link
 * EarlyReply}), both before the question is read, and a plain query whose reply is in the {@link
 * ReplyCache} is answered from it. Everything else takes the full path ({@link #handle}), a dnsjava
 * parse and render, which also fills the reply cache.
 */
final class QueryHandler {

  private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

  private static final int MIN_UDP = Reply.MIN_UDP;

  private final Resolver resolver;
  private final ReplyCache replyCache;
  private final AllowList allowList;

  /** Resolutions started for clients and not yet complete, over UDP and TCP together. */
  private final LookupAdmission lookups;

  QueryHandler(
      Resolver resolver, LookupAdmission lookups, ReplyCache replyCache, AllowList allowList) {
    this.resolver = resolver;
    this.lookups = lookups;
    this.replyCache = replyCache;
    this.allowList = allowList;
  }

  /** The reply cache (for tests). */
  ReplyCache replyCache() {
    return replyCache;
  }

  /**
   * The fast path for a datagram of {@code length} bytes in {@code packet} from {@code client}: its
   * REFUSED if the allow list does not allow it, the header-only answer to junk, the cached reply
   * made out to this client within its UDP size, or null when the full path must answer. An empty
   * array ({@link EarlyReply#DROP}) means no reply at all.
   */
  byte @Nullable [] fastUdpReply(@Nullable SocketAddress client, byte[] packet, int length) {
    return fastReply(client, packet, length, true);
  }

  /** As {@link #fastUdpReply} for a query read over TCP, where no size limit applies. */
  byte @Nullable [] fastTcpReply(@Nullable SocketAddress client, byte[] packet) {
    return fastReply(client, packet, packet.length, false);
  }

  private byte @Nullable [] fastReply(
      @Nullable SocketAddress client, byte[] packet, int length, boolean udp) {
    // Before anything is parsed or looked up: a refused client costs a few byte comparisons.
    if (!allowList.allows(client)) {
      return EarlyReply.refused(packet, length);
    }
    byte[] early = EarlyReply.forHeader(packet, length);
    if (early != null) {
      return early;
    }
    try {
      WireQuery query = WireQuery.read(packet, length);
      return query == null
          ? null
          : replyCache.answer(query, packet, udp ? query.udpLimit() : Reply.MAX_TCP);
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("reply cache failed; full path instead");
      return null;
    }
  }

  /** Resolutions in flight now (for tests). */
  LookupAdmission lookups() {
    return lookups;
  }

  /** As {@link #handle(byte[], InetAddress)} from a client whose address is not known. */
  CompletableFuture<Optional<Reply>> handle(byte[] packet) {
    return handle(packet, LookupAdmission.UNKNOWN_CLIENT);
  }

  /**
   * The reply for {@code packet} from {@code client} (whose address its share of lookups in flight
   * is counted under), or empty when the packet deserves none.
   */
  CompletableFuture<Optional<Reply>> handle(byte[] packet, InetAddress client) {
    try {
      return handleUnchecked(packet, client);
    } catch (RuntimeException e) {
      // A bug must cost one query, not the server.
      log.atWarn().setCause(e).log("query handling failed");
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  private CompletableFuture<Optional<Reply>> handleUnchecked(byte[] packet, InetAddress client) {
    if (packet.length < Header.LENGTH) {
      return none(); // not even an ID to answer to
    }
    Header header;
    try {
      header = new Header(packet);
    } catch (IOException e) {
      return none();
    }
    if (header.getFlag(Flags.QR)) {
      return none(); // a response: answering it could start a loop between two servers
    }
    Message query;
    try {
      query = new Message(packet);
    } catch (IOException | RuntimeException e) {
      log.atDebug().addKeyValue("id", header.getID()).log("malformed query: {}", e.getMessage());
      return reply(Responses.headerOnly(header, Rcode.FORMERR), MIN_UDP);
    }
    int udpLimit = udpLimit(query);
    if (header.getOpcode() != Opcode.QUERY) {
      return reply(Responses.answer(query, Rcode.NOTIMP), udpLimit);
    }
    // With TC set dnsjava forgives a body cut short, so a header counting one question can come
    // with none parsed: FORMERR too, not a NullPointerException below.
    if (header.getCount(Section.QUESTION) != 1
        || query.getQuestion() == null
        || !wellPlacedOpt(query)) {
      return reply(Responses.answer(query, Rcode.FORMERR), udpLimit);
    }
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() != 0) {
      return reply(Responses.answer(query, Rcode.BADVERS), udpLimit); // RFC 6891 section 6.1.3
    }
    Record q = query.getQuestion();
    if (q.getType() == Type.AXFR || q.getType() == Type.IXFR) {
      return reply(Responses.answer(query, Rcode.REFUSED), udpLimit); // no zones to transfer
    }
    if (q.getDClass() != DClass.IN) {
      return reply(Responses.answer(query, Rcode.REFUSED), udpLimit);
    }
    Question question;
    try {
      question = new Question(q.getName(), q.getType());
    } catch (IllegalArgumentException e) {
      return reply(
          Responses.answer(query, Rcode.NOTIMP), udpLimit); // OPT, TSIG, MAILA ... as a qtype
    }
    if (!header.getFlag(Flags.RD)) {
      return reply(CacheOnlyAnswer.answer(query, question, resolver), udpLimit);
    }
    return resolve(query, question, udpLimit, WireQuery.read(packet, packet.length), client);
  }

  private CompletableFuture<Optional<Reply>> resolve(
      Message query,
      Question question,
      int udpLimit,
      @Nullable WireQuery replyKey,
      InetAddress client) {
    LookupAdmission.Outcome outcome = lookups.admit(client);
    if (outcome instanceof LookupAdmission.TurnedAway away) {
      // Overloaded, or this client holds its share: what the cache knows costs nothing; anything
      // else fails fast, so neither the pending lookups nor the clients waiting on them pile up.
      Optional<io.rootwalk.Resolution> cached = resolver.lookupCached(question);
      if (cached.isPresent()) {
        return reply(Responses.fromResolution(query, cached.get()), udpLimit);
      }
      log.atDebug()
          .addKeyValue("client", client)
          .log("{}: SERVFAIL for {}", away.reason(), question);
      return reply(LookupAdmission.busy(query, away.reason()), udpLimit);
    }
    LookupAdmission.InFlight slot = ((LookupAdmission.Admitted) outcome).slot();
    CompletableFuture<io.rootwalk.Resolution> lookup;
    try {
      lookup = resolver.lookupAsync(question, options(query));
    } catch (RuntimeException e) {
      lookups.done(client, slot);
      // The resolver is closed (shutdown in progress): answer, do not hang the client.
      return reply(Responses.answer(query, Rcode.SERVFAIL), udpLimit);
    }
    lookup.whenComplete((r, e) -> lookups.done(client, slot));
    slot.attach(lookup);
    return lookup.handle(
        (r, e) -> {
          if (slot.evicted()) {
            return Optional.of(new Reply(LookupAdmission.evicted(query), udpLimit));
          }
          if (e != null) {
            log.atWarn().setCause(e).log("lookup of {} failed", question);
            return Optional.of(new Reply(Responses.answer(query, Rcode.SERVFAIL), udpLimit));
          }
          Message response = Responses.fromResolution(query, r);
          if (replyKey != null && replayable(r)) {
            replyCache.store(replyKey, response.toWire(Reply.MAX_TCP));
          }
          return Optional.of(new Reply(response, udpLimit));
        });
  }

  /**
   * The lookup a client's query asks for: with CD set, checking disabled (RFC 4035 section 3.2.2),
   * so that a bogus answer comes back with its data for the client to judge; otherwise the
   * defaults, which a lookup already in flight for the same question can share.
   */
  private static LookupOptions options(Message query) {
    return query.getHeader().getFlag(Flags.CD) ? CHECKING_DISABLED : LookupOptions.defaults();
  }

  private static final LookupOptions CHECKING_DISABLED =
      LookupOptions.defaults().withCheckingDisabled();

  /**
   * Whether a reply may go into the reply cache: a NOERROR answer, NXDOMAIN or NODATA that the
   * resolver's cache gave without a single upstream query. A walked result is left out because it
   * carries TTLs as the servers sent them, before the cache's caps (a walked negative answer shows
   * the SOA's own TTL, not the negative TTL), so replaying it would show clients numbers the cache
   * never serves; the next ask is a cache hit and is stored instead. Stale answers (RFC 8767) and
   * SERVFAIL are never replayed, nor a bogus answer given to a CD=1 client: the resolver holds its
   * verdict for a while, and each such client should get it from there.
   */
  private static boolean replayable(Resolution r) {
    boolean data = r.status() == Status.NOERROR && !r.answers().isEmpty();
    boolean negative = r.status() == Status.NXDOMAIN || r.status() == Status.NODATA;
    if (!(data || negative) || r.failure().isPresent() || r.trace().upstreamQueries() != 0) {
      return false;
    }
    if (r.security().status() == SecurityStatus.BOGUS) {
      return false;
    }
    for (TraceStep step : r.trace().steps()) {
      if (step.kind() == StepKind.STALE_ANSWER) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 6891 section 6.1.1: at most one OPT, owned by the root, and only in the additional section
   * (dnsjava parses an OPT anywhere and {@link Message#getOPT} looks only at the additional
   * section, so a misplaced one would otherwise be silently ignored).
   */
  private static boolean wellPlacedOpt(Message query) {
    int opts = 0;
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (Record r : query.getSection(section)) {
        if (r.getType() == Type.OPT) {
          if (section != Section.ADDITIONAL
              || !r.getName().equals(org.xbill.DNS.Name.root)
              || ++opts > 1) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return MIN_UDP;
    }
    return Math.max(MIN_UDP, Math.min(opt.getPayloadSize(), Responses.EDNS_PAYLOAD));
  }

  private static CompletableFuture<Optional<Reply>> reply(Message message, int udpLimit) {
    return CompletableFuture.completedFuture(Optional.of(new Reply(message, udpLimit)));
  }

  private static CompletableFuture<Optional<Reply>> none() {
    return CompletableFuture.completedFuture(Optional.empty());
  }
}
