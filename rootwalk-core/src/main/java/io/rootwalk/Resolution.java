package io.rootwalk;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The result of one lookup: how it ended, the data, and the trace of how it got there. Every lookup
 * produces one; failures are data here, not exceptions.
 *
 * @param question what was asked
 * @param status NOERROR, NXDOMAIN, NODATA or SERVFAIL
 * @param rcode the DNS rcode a stub resolver would see ({@link Rcode#NOERROR} for NODATA)
 * @param answers the CNAME/DNAME chain followed, in order, then the final RRset; TTLs are what
 *     remains of them at the time of the answer (30 s for a stale answer, RFC 8767). A SERVFAIL
 *     keeps the part of the chain followed before resolution failed
 * @param canonicalName the end of the alias chain (the question's name when there is none): the
 *     owner of the final RRset, or the name a negative answer is about
 * @param authority for NXDOMAIN and NODATA, the SOA whose TTL is the negative TTL, min(SOA TTL, SOA
 *     MINIMUM) as RFC 2308 section 5 has it; empty when the server sent none, and for NOERROR and
 *     SERVFAIL
 * @param failure for SERVFAIL, why; empty otherwise
 * @param trace every step taken
 * @param security what DNSSEC validation said about the answer ({@link Security#notValidated()}
 *     when the resolver does not validate)
 * @param dnssecRecords the records that prove the answer, as the servers sent them when asked with
 *     DO=1: the RRSIGs of the answer RRsets and, for NXDOMAIN and NODATA, the NSEC or NSEC3 records
 *     and their RRSIGs and the SOA's RRSIG; empty when the resolver does not validate or the zone
 *     is unsigned. A server gives them to clients that set DO (RFC 4035 section 3.2.1)
 */
public record Resolution(
    Question question,
    Status status,
    int rcode,
    List<Record> answers,
    Name canonicalName,
    List<Record> authority,
    Optional<Failure> failure,
    Trace trace,
    Security security,
    List<Record> dnssecRecords) {

  /**
   * Copies the lists and checks that a failure is given exactly for SERVFAIL.
   *
   * @param question what was asked
   * @param status how it ended
   * @param rcode the rcode a stub would see
   * @param answers the chain and the final RRset
   * @param canonicalName the end of the alias chain
   * @param authority the SOA of a negative answer
   * @param failure why, for SERVFAIL
   * @param trace every step taken
   * @param security what validation said
   * @param dnssecRecords the RRSIGs and denial records proving the answer
   * @throws NullPointerException if any part is null
   * @throws IllegalArgumentException if {@code failure} is present and {@code status} is not
   *     SERVFAIL, or the other way round
   */
  public Resolution {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(status, "status");
    answers = List.copyOf(answers);
    Objects.requireNonNull(canonicalName, "canonicalName");
    authority = List.copyOf(authority);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(security, "security");
    dnssecRecords = List.copyOf(dnssecRecords);
    if ((status == Status.SERVFAIL) != failure.isPresent()) {
      throw new IllegalArgumentException(
          "a failure reason is given exactly when status is SERVFAIL");
    }
  }

  /**
   * A resolution nobody validated, without DNSSEC records.
   *
   * @param question what was asked
   * @param status how it ended
   * @param rcode the rcode a stub would see
   * @param answers the chain and the final RRset
   * @param canonicalName the end of the alias chain
   * @param authority the SOA of a negative answer
   * @param failure why, for SERVFAIL
   * @param trace every step taken
   */
  public Resolution(
      Question question,
      Status status,
      int rcode,
      List<Record> answers,
      Name canonicalName,
      List<Record> authority,
      Optional<Failure> failure,
      Trace trace) {
    this(
        question,
        status,
        rcode,
        answers,
        canonicalName,
        authority,
        failure,
        trace,
        Security.notValidated(),
        List.of());
  }

  /**
   * This resolution as validation left it: the same data with {@code security} and a trace that
   * ends with the validation's steps.
   *
   * @param security what validation said
   * @param trace the walk's trace followed by the validation's steps
   * @return the copy
   */
  public Resolution validated(Security security, Trace trace) {
    return new Resolution(
        question,
        status,
        rcode,
        answers,
        canonicalName,
        authority,
        failure,
        trace,
        security,
        dnssecRecords);
  }

  /**
   * The rcode's mnemonic, for logs and output.
   *
   * @return {@code "NOERROR"} (for NODATA too), {@code "NXDOMAIN"} or {@code "SERVFAIL"}
   */
  public String rcodeName() {
    return Rcode.string(rcode);
  }

  /**
   * The addresses in the final RRset, for A and AAAA questions.
   *
   * @return the A and AAAA addresses owned by {@link #canonicalName()}, in answer order, without
   *     host names attached; empty unless the final RRset holds addresses
   */
  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>();
    for (Record r : answers) {
      if (!r.getName().equals(canonicalName)) {
        continue;
      }
      InetAddress a =
          r instanceof ARecord
              ? ((ARecord) r).getAddress()
              : r instanceof AAAARecord ? ((AAAARecord) r).getAddress() : null;
      if (a != null) {
        out.add(bare(a));
      }
    }
    return out;
  }

  /** The address without the host name dnsjava attaches, so it prints as {@code 192.0.2.1}. */
  private static InetAddress bare(InetAddress a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("an address of a valid length was refused", e);
    }
  }

  /**
   * The SOA of a negative answer, whose TTL says how long the absence may be assumed (RFC 2308).
   *
   * @return the SOA in {@link #authority()}, if the server sent one
   */
  public Optional<SOARecord> soa() {
    for (Record r : authority) {
      if (r instanceof SOARecord) {
        return Optional.of((SOARecord) r);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether there is data for the question: NOERROR, including an answer served stale.
   *
   * @return whether {@link #status()} is {@link Status#NOERROR}
   */
  public boolean hasAnswer() {
    return status == Status.NOERROR;
  }

  @Override
  public String toString() {
    return question
        + " -> "
        + status
        + failure.map(f -> " (" + f + ")").orElse("")
        + (answers.isEmpty() ? "" : " " + answers)
        + (security.status() == SecurityStatus.INDETERMINATE ? "" : " " + security.status());
  }
}
