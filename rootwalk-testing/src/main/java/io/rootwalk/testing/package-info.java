/**
 * A small internet in a test: real authoritative DNS servers running inside the JVM, each bound to
 * its own {@code 127.x.y.z} address on UDP and TCP, all on one shared port.
 *
 * <p>Describe a hierarchy with {@link io.rootwalk.testing.World} (zone texts plus which server
 * serves which zones), start it with {@link io.rootwalk.testing.DnsLab#start(World)}, point a
 * resolver at {@link io.rootwalk.testing.DnsLab#rootHintsFile()} and {@link
 * io.rootwalk.testing.DnsLab#port()}, break servers with {@link io.rootwalk.testing.Fault}s and
 * read what the resolver sent from the query log. {@link io.rootwalk.testing.DemoWorld} is the
 * ready-made hierarchy from the design notes, {@link io.rootwalk.testing.DelegationMistakes} a
 * world of broken delegations for a delegation checker, and {@link
 * io.rootwalk.testing.DnsLabExtension} gives every JUnit 5 test its own lab.
 *
 * <p>Every address a lab binds is a loopback address: no packet ever leaves {@code 127.0.0.0/8} (or
 * {@code ::1}). This package never depends on rootwalk-core, whose tests depend on it.
 */
@NullMarked
package io.rootwalk.testing;

import org.jspecify.annotations.NullMarked;
