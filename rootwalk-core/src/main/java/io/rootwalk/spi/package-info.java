/**
 * The seam a caller may replace: {@link io.rootwalk.spi.Transport}, which moves one query to one
 * server and back, with the {@link io.rootwalk.spi.TransportException}s it fails with and the
 * {@link io.rootwalk.spi.Protocol} it speaks. Pass an implementation to {@code
 * ResolverBuilder.transport}; the default is Rootwalk's own non-blocking UDP/TCP transport.
 */
@NullMarked
package io.rootwalk.spi;

import org.jspecify.annotations.NullMarked;
