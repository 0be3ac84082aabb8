package io.rootwalk.cli;

import io.rootwalk.Resolver;

/** The one place the CLI builds a resolver, so lookup, trace and serve walk the same way. */
final class Resolvers {

  private Resolvers() {}

  static Resolver forUpstreams(Command.Upstreams upstreams) {
    return Resolver.builder()
        .rootHints(upstreams.rootHints())
        .upstreamPort(upstreams.port())
        .build();
  }
}
