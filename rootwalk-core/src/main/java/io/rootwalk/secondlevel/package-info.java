/**
 * The second-level cache: what the resolver's own cache stores is also written, behind each lookup,
 * to a {@link io.rootwalk.spi.SecondLevelCache} that other resolvers share, and a lookup that
 * misses the own cache reads it there before walking (Unbound's {@code cachedb}). {@link
 * io.rootwalk.secondlevel.StoredEntry} is what travels, {@link io.rootwalk.secondlevel.EntryCodec}
 * its bytes, {@link io.rootwalk.secondlevel.EntryCheck} the scrubber every entry read back passes
 * (a shared store must not become a way to poison every resolver at once), {@link
 * io.rootwalk.secondlevel.SecondLevelWriter} the write-behind queue and {@link
 * io.rootwalk.secondlevel.SecondLevelReader} the read-through. Internal: not API.
 */
@NullMarked
package io.rootwalk.secondlevel;

import org.jspecify.annotations.NullMarked;
