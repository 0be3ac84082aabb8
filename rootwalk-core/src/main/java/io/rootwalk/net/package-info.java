/**
 * The default {@link io.rootwalk.spi.Transport}: {@link io.rootwalk.net.NioTransport}.
 *
 * <p>dnsjava is used here for the wire format only ({@code Message}, {@code Header}, {@code
 * Record}), not for I/O: its 3.6.4 {@code NioUdpClient} accepts the first datagram that arrives
 * without checking its ID (RFC 5452 wants the resolver to keep waiting for the real answer), its
 * selector wakes only every second so timeouts fire up to a second late, and it runs one JVM-wide
 * static selector thread that every user of the library would share.
 */
@NullMarked
package io.rootwalk.net;

import org.jspecify.annotations.NullMarked;
