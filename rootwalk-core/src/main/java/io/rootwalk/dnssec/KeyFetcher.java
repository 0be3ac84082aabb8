package io.rootwalk.dnssec;

import io.rootwalk.Question;
import io.rootwalk.Resolution;
import java.util.concurrent.CompletableFuture;

/**
 * How the validator gets the DS and DNSKEY RRsets of a chain of trust: through the resolver itself,
 * from its cache or by a walk (DS questions start at the parent's side of the cut), with DO=1 and
 * without validation of their own, since the chain of trust is what validates them.
 */
@FunctionalInterface
public interface KeyFetcher {

  /**
   * Resolves {@code question}; the future always completes normally.
   *
   * @param question a DS or DNSKEY question
   * @return the resolution, its RRSIGs and NSEC records in {@link Resolution#dnssecRecords()}
   */
  CompletableFuture<Resolution> fetch(Question question);
}
