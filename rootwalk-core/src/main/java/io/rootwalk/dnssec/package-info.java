/**
 * DNSSEC validation (RFC 4033, 4034, 4035, 5155, 6840), run after the walk on everything a client
 * gets: {@link io.rootwalk.dnssec.AnswerValidator} checks each RRset of a resolution with the keys
 * {@link io.rootwalk.dnssec.ChainOfTrust} finds from the trust anchor down (DS and DNSKEY fetched
 * through the resolver itself, kept in the {@link io.rootwalk.dnssec.KeyCache}). The checks:
 *
 * <ul>
 *   <li>{@link io.rootwalk.dnssec.KeySetValidator}: a zone's DNSKEY RRset against the DS set that
 *       vouches for it (the parent's, or the root trust anchors), into {@link
 *       io.rootwalk.dnssec.TrustedKeys}.
 *   <li>{@link io.rootwalk.dnssec.RRsetVerifier}: any RRset of that zone against its trusted keys.
 *   <li>{@link io.rootwalk.dnssec.NoDsProof}: the parent's NSEC or NSEC3 proof that a delegation
 *       has no DS, which makes the child insecure rather than bogus.
 * </ul>
 *
 * <p>Each answers with a sealed verdict ({@link io.rootwalk.dnssec.Verdict}, {@link
 * io.rootwalk.dnssec.KeySetVerdict}, {@link io.rootwalk.dnssec.NoDsVerdict}) whose failures carry a
 * typed reason with its RFC 8914 extended error code. All of them take the time as epoch seconds
 * from the caller (never the clock) and charge their work to one {@link
 * io.rootwalk.dnssec.ValidationBudget} per lookup, the KeyTrap defence (CVE-2023-50387, -50868).
 * The cryptography is dnsjava's {@code org.xbill.DNS.DNSSEC} on the JDK's providers; {@link
 * io.rootwalk.dnssec.AlgorithmSupport} says which algorithms and digests that covers.
 *
 * <p>Internal: not exported by the module.
 */
@NullMarked
package io.rootwalk.dnssec;

import org.jspecify.annotations.NullMarked;
