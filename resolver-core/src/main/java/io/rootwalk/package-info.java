/**
 * Rootwalk's public API: build a {@link io.rootwalk.Resolver}, call {@code lookup}, and read the
 * {@link io.rootwalk.Resolution} and its {@link io.rootwalk.Trace}.
 *
 * <p>Everything a user imports lives here. The other packages ({@code iterate}, {@code cache},
 * {@code net}) are implementation and may change without notice, except {@link
 * io.rootwalk.spi.Transport}, the one seam a caller may replace.
 */
@NullMarked
package io.rootwalk;

import org.jspecify.annotations.NullMarked;
