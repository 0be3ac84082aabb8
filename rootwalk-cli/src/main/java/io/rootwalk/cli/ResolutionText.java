package io.rootwalk.cli;

import io.rootwalk.Resolution;
import io.rootwalk.Security;
import io.rootwalk.Status;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Record;

/** The text forms of a {@link Resolution}: dig-like sections, a one-line status header. */
final class ResolutionText {

  private ResolutionText() {}

  /**
   * {@code ;; www.shop.com. A: NOERROR}; the counters follow on the first line of {@link
   * io.rootwalk.Trace#render()}.
   */
  static String header(Resolution r) {
    return ";; " + r.question() + ": " + statusText(r);
  }

  /** {@code NOERROR}, or {@code SERVFAIL (MISSING_GLUE: ...)}. */
  static String statusText(Resolution r) {
    return r.status()
        + r.failure().map(f -> " (" + f.reason() + ": " + f.detail() + ")").orElse("");
  }

  /**
   * The DNSSEC line: {@code ;; security: SECURE (signed by example.com., ...); flags: ad}, the
   * {@code ad} being what dig shows for an authenticated answer (RFC 4035 section 3.2.3), or for a
   * bogus one {@code ;; security: BOGUS; extended DNS error: 6 DNSSEC_BOGUS} (RFC 8914), the detail
   * being on the SERVFAIL's status line then.
   */
  static String security(Resolution r) {
    Security s = r.security();
    StringBuilder line = new StringBuilder(";; security: ").append(s.status());
    // A bogus SERVFAIL's status line already says what failed, in the same words.
    boolean said = r.failure().map(f -> f.detail().equals(s.detail())).orElse(false);
    if (!said) {
      line.append(" (").append(s.detail()).append(')');
    }
    if (s.authenticated()) {
      line.append("; flags: ad");
    }
    s.extendedError()
        .ifPresent(
            code ->
                line.append("; extended DNS error: ")
                    .append(code)
                    .append(' ')
                    .append(ExtendedErrorCodeOption.text(code)));
    return line.toString();
  }

  /**
   * What {@code lookup} prints: the answer section as dig does ({@code name TTL IN TYPE rdata}), or
   * for a negative answer the status and the SOA, or for SERVFAIL the reason.
   */
  static String sections(Resolution r) {
    StringBuilder out = new StringBuilder();
    if (r.status() == Status.NOERROR) {
      out.append(";; ANSWER SECTION:\n");
      append(out, r.answers());
      return out.toString();
    }
    out.append(";; status: ").append(statusText(r)).append('\n');
    if (!r.answers().isEmpty()) {
      out.append(";; ANSWER SECTION:\n");
      append(out, r.answers());
    }
    if (!r.authority().isEmpty()) {
      out.append(";; AUTHORITY SECTION:\n");
      append(out, r.authority());
    }
    return out.toString();
  }

  private static void append(StringBuilder out, Iterable<Record> records) {
    for (Record record : records) {
      // dnsjava's toString is the master-file line dig prints: name TTL class type rdata.
      out.append(record).append('\n');
    }
  }
}
