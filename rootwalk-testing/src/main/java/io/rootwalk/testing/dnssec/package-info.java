/**
 * DNSSEC signing for tests: keys made with the JDK's own generators ({@link
 * io.rootwalk.testing.dnssec.SigningKey}), a signer with an injectable validity window ({@link
 * io.rootwalk.testing.dnssec.ZoneSigner}), the denial-of-existence records a parent serves for an
 * unsigned child ({@link io.rootwalk.testing.dnssec.Denial}) and the broken variants a validator
 * must reject ({@link io.rootwalk.testing.dnssec.Tamper}). {@link
 * io.rootwalk.testing.dnssec.WorldSigner} puts them together: it signs a whole {@code World} at
 * test time (keys, DS records, NSEC or NSEC3 chains, signatures) into a {@link
 * io.rootwalk.testing.dnssec.SignedWorld} a {@code DnsLab} serves, optionally with one named defect
 * for a validator to find.
 *
 * <p>Signatures come from dnsjava's {@code DNSSEC.sign}; nothing here is hand-written crypto. The
 * keys are fresh per JVM and never written anywhere: they are test keys for zones that exist only
 * in a lab.
 */
@NullMarked
package io.rootwalk.testing.dnssec;

import org.jspecify.annotations.NullMarked;
