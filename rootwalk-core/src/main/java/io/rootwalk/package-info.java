/**
 * Rootwalk's public API: build a {@link io.rootwalk.Resolver}, call {@code lookup}, and read the
 * {@link io.rootwalk.Resolution} and its {@link io.rootwalk.Trace}.
 *
 * <h2>Where to start</h2>
 *
 * <p>{@link io.rootwalk.Resolver#builder()} configures a resolver: the {@link
 * io.rootwalk.RootHints} it starts from, timeouts, the per-lookup {@link io.rootwalk.Limits}, the
 * cache, and policies such as {@link io.rootwalk.SiblingGluePolicy} and {@link
 * io.rootwalk.IpFamilyPolicy}. A lookup takes a name and type, or a {@link io.rootwalk.Question},
 * and always ends in a {@link io.rootwalk.Resolution}: NOERROR, NXDOMAIN, NODATA or SERVFAIL
 * ({@link io.rootwalk.Status}), a SERVFAIL with its {@link io.rootwalk.Failure} and typed {@link
 * io.rootwalk.FailureReason}. Failures are values, not exceptions; exceptions mean misuse, such as
 * a malformed name, and are thrown before any packet is sent.
 *
 * <h2>Values</h2>
 *
 * <p>Everything here except the resolver, its builder and {@link io.rootwalk.ResolutionListener} is
 * an immutable value, safe to share between threads and to keep: the question and result ({@link
 * io.rootwalk.Question}, {@link io.rootwalk.Resolution}, {@link io.rootwalk.Failure}, and {@link
 * io.rootwalk.HostAddresses} for a host's A and AAAA lookups together), the configuration ({@link
 * io.rootwalk.Limits}, {@link io.rootwalk.RootHints} and the policy enums), and snapshots of the
 * cache ({@link io.rootwalk.ZoneCut} with its {@link io.rootwalk.ServerAddress}es, {@link
 * io.rootwalk.CacheStatistics}).
 *
 * <h2>The trace</h2>
 *
 * <p>A {@link io.rootwalk.Trace} is the evidence of how a resolution went, and what explains a
 * SERVFAIL. Its {@link io.rootwalk.TraceStep}s, a sealed type, are upstream exchanges, cache hits,
 * and chases of name-server addresses with their own nested trace. An exchange names the {@link
 * io.rootwalk.ServerAddress} asked (with the {@link io.rootwalk.Provenance} of its address), the
 * {@link io.rootwalk.Rejection}s the bailiwick scrubber made, and the classified {@link
 * io.rootwalk.Outcome}, another sealed type; a lame server's outcome says why, as a {@link
 * io.rootwalk.LameReason}. {@link io.rootwalk.StepKind} flattens every step to one name, for
 * comparing whole step sequences; {@link io.rootwalk.WorkSpent} says what the lookup used of its
 * limits. A {@link io.rootwalk.ResolutionListener} receives the same steps as they happen.
 *
 * <h2>Checking a delegation</h2>
 *
 * <p>{@link io.rootwalk.Resolver#check(String)} asks every server of a zone, from the parent's
 * referral down, and returns a {@link io.rootwalk.check.DelegationReport}: the parent's side, every
 * name server and address as it behaved, and typed {@link io.rootwalk.check.Finding}s (lame
 * servers, missing or stale glue, NS sets that disagree, …) each with the exchanges that show it.
 * Those values live in {@code io.rootwalk.check}.
 *
 * <p>Everything a user imports lives here and in {@code io.rootwalk.check}. The other packages
 * ({@code iterate}, {@code cache}, {@code net}, {@code probe}, …) are implementation and may change
 * without notice, except {@link io.rootwalk.spi.Transport}, the one seam a caller may replace.
 */
@NullMarked
package io.rootwalk;

import org.jspecify.annotations.NullMarked;
