package io.rootwalk.iterate;

import io.rootwalk.Failure;
import io.rootwalk.FailureReason;
import io.rootwalk.Question;
import io.rootwalk.Resolution;
import io.rootwalk.Security;
import io.rootwalk.Status;
import io.rootwalk.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The answer one lookup is building: the question, the CNAME/DNAME links followed so far, and the
 * name being resolved now (the question's name, or the latest alias target). It turns into the
 * lookup's {@link Resolution}, whichever way the lookup ends.
 */
final class AnswerChain {

  private final Question question;
  private final List<Record> links = new ArrayList<>();
  private final Set<Name> names = new HashSet<>();
  private Name name;

  AnswerChain(Question question) {
    this.question = question;
    this.name = question.name();
    this.names.add(name);
  }

  Question question() {
    return question;
  }

  /** The name being resolved now. */
  Name name() {
    return name;
  }

  /** The name being resolved now, with the question's type. */
  Question current() {
    return new Question(name, question.type());
  }

  /**
   * Alias records (or records leading to a negative answer) that belong in the answer, once the
   * caller has counted their {@link #aliasHops} against the budget.
   */
  void addLinks(List<Record> records) {
    links.addAll(records);
  }

  /**
   * How many alias hops {@code records} make: one per CNAME RRset (records of one RRset are
   * adjacent). A DNAME comes with the CNAME synthesized from it, so it counts once; a DNAME that
   * only answers a CNAME question leads nowhere and counts not at all.
   */
  static int aliasHops(List<Record> records) {
    int hops = 0;
    @Nullable Name last = null;
    for (Record r : records) {
      if (r.getType() == Type.CNAME && !r.getName().equals(last)) {
        hops++;
        last = r.getName();
      }
    }
    return hops;
  }

  /** A server's answer ended the chain at {@code end}, a name it followed itself. */
  void endAt(Name end) {
    name = end;
  }

  /**
   * Moves on to an alias target, unless that would revisit a name on the chain (a CNAME loop). The
   * links that lead there were counted against the alias-hop limit when they were added.
   *
   * @return why the hop may not be taken, or empty when {@link #name()} is now {@code target}
   */
  Optional<Failure> follow(Name target) {
    if (!names.add(target)) {
      return Optional.of(
          new Failure(
              FailureReason.CNAME_LOOP, target + " is already on the alias chain " + names));
    }
    name = target;
    return Optional.empty();
  }

  /**
   * The lookup ends with {@code status}: the links so far, then {@code finalRecords}. RRSIGs, and
   * the NSEC and NSEC3 records of the authority section, travel with the data they prove until
   * here, and are set apart here as the resolution's DNSSEC records: a caller reading the answer
   * sees the data it asked for, the validator and a DO=1 client see the proof.
   */
  Resolution finish(Status status, List<Record> finalRecords, List<Record> authority, Trace trace) {
    List<Record> answers = new ArrayList<>();
    List<Record> dnssec = new ArrayList<>();
    split(links, answers, dnssec);
    split(finalRecords, answers, dnssec);
    List<Record> soa = new ArrayList<>();
    for (Record r : authority) {
      (r.getType() == Type.SOA ? soa : dnssec).add(r);
    }
    int rcode =
        status == Status.NXDOMAIN
            ? Rcode.NXDOMAIN
            : status == Status.YXDOMAIN ? Rcode.YXDOMAIN : Rcode.NOERROR;
    return new Resolution(
        question,
        status,
        rcode,
        answers,
        name,
        soa,
        Optional.empty(),
        trace,
        Security.notValidated(),
        dnssec);
  }

  /** Data to {@code answers}, RRSIGs to {@code dnssec}, unless RRSIGs were the question. */
  private void split(List<Record> records, List<Record> answers, List<Record> dnssec) {
    for (Record r : records) {
      boolean proof = r.getType() == Type.RRSIG && question.type() != Type.RRSIG;
      (proof ? dnssec : answers).add(r);
    }
  }

  /**
   * The lookup ends with a stale answer (RFC 8767): {@code records} are the whole answer, the stale
   * chain from the question's name included, so the links followed afresh are not repeated.
   */
  Resolution stale(List<Record> records, Trace trace) {
    List<Record> answers = new ArrayList<>();
    List<Record> dnssec = new ArrayList<>();
    split(records, answers, dnssec);
    return new Resolution(
        question,
        Status.NOERROR,
        Rcode.NOERROR,
        answers,
        name,
        List.of(),
        Optional.empty(),
        trace,
        Security.notValidated(),
        dnssec);
  }

  /** The lookup ends in SERVFAIL for {@code failure}, keeping the links it had followed. */
  Resolution servfail(Failure failure, Trace trace) {
    List<Record> answers = new ArrayList<>();
    List<Record> dnssec = new ArrayList<>();
    split(links, answers, dnssec);
    return new Resolution(
        question,
        Status.SERVFAIL,
        Rcode.SERVFAIL,
        answers,
        name,
        List.of(),
        Optional.of(failure),
        trace,
        Security.notValidated(),
        dnssec);
  }
}
