package io.rootwalk;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The result of one lookup: how it ended, the data, and the trace of how it got there. Every
 * lookup produces one; failures are data here, not exceptions.
 *
 * @param question what was asked
 * @param status NOERROR, NXDOMAIN, NODATA or SERVFAIL
 * @param rcode the DNS rcode a stub resolver would see ({@link Rcode#NOERROR} for NODATA)
 * @param answers the CNAME/DNAME chain followed, in order, then the final RRset; TTLs are what
 *     remains of them at the time of the answer
 * @param canonicalName the end of the alias chain (the question's name when there is none)
 * @param authority for NXDOMAIN and NODATA, the SOA that gives the negative TTL (RFC 2308)
 * @param failure for SERVFAIL, why
 * @param trace every step taken
 */
public record Resolution(
    Question question,
    Status status,
    int rcode,
    List<Record> answers,
    Name canonicalName,
    List<Record> authority,
    Optional<Failure> failure,
    Trace trace) {

  public Resolution {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(status, "status");
    answers = List.copyOf(answers);
    Objects.requireNonNull(canonicalName, "canonicalName");
    authority = List.copyOf(authority);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(trace, "trace");
    if ((status == Status.SERVFAIL) != failure.isPresent()) {
      throw new IllegalArgumentException("a failure reason is given exactly when status is SERVFAIL");
    }
  }

  /** The rcode's mnemonic: {@code "NOERROR"}, {@code "NXDOMAIN"}, {@code "SERVFAIL"}. */
  public String rcodeName() {
    return Rcode.string(rcode);
  }

  /** The addresses in the final RRset, for A and AAAA questions; otherwise empty. */
  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>();
    for (Record r : answers) {
      if (!r.getName().equals(canonicalName)) {
        continue;
      }
      InetAddress a = r instanceof ARecord ? ((ARecord) r).getAddress()
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

  /** The SOA of a negative answer, if the server sent one. */
  public Optional<SOARecord> soa() {
    for (Record r : authority) {
      if (r instanceof SOARecord) {
        return Optional.of((SOARecord) r);
      }
    }
    return Optional.empty();
  }

  /** True when the status is NOERROR. */
  public boolean hasAnswer() {
    return status == Status.NOERROR;
  }

  @Override
  public String toString() {
    return question + " -> " + status + failure.map(f -> " (" + f + ")").orElse("")
        + (answers.isEmpty() ? "" : " " + answers);
  }
}
