/**
 * A recursive DNS server on UDP and TCP, answering stub clients (dig, kdig, dnsperf) from a {@link
 * io.rootwalk.Resolver}: {@link io.rootwalk.server.RecursiveServer#start}.
 */
@NullMarked
package io.rootwalk.server;

import org.jspecify.annotations.NullMarked;
