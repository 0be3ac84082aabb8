/**
 * The resolver's caches, all on Caffeine and all driven by one injected {@code Ticker}: RRsets with
 * RFC 2181 trust ranks, negative answers (RFC 2308, RFC 8020), delegations with the provenance of
 * their server addresses, and per-server infrastructure state. Internal: not API.
 */
@NullMarked
package io.rootwalk.cache;

import org.jspecify.annotations.NullMarked;
