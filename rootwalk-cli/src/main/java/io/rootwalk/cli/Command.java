package io.rootwalk.cli;

import io.rootwalk.Question;
import io.rootwalk.RootHints;
import java.net.InetSocketAddress;
import java.util.Objects;

/** A parsed, validated command line: everything is checked before anything runs. */
sealed interface Command {

  /** {@code --help}: usage on stdout, exit 0. */
  record Help() implements Command {}

  /** {@code demo}: the in-process demo lab. */
  record Demo() implements Command {}

  /**
   * {@code lookup} or {@code trace}.
   *
   * @param showTrace true for {@code trace}
   */
  record Query(boolean showTrace, Question question, Upstreams upstreams, boolean json)
      implements Command {
    public Query {
      Objects.requireNonNull(question, "question");
      Objects.requireNonNull(upstreams, "upstreams");
    }
  }

  /** {@code serve}. */
  record Serve(InetSocketAddress listen, Upstreams upstreams) implements Command {
    public Serve {
      Objects.requireNonNull(listen, "listen");
      Objects.requireNonNull(upstreams, "upstreams");
    }
  }

  /** Where resolution starts: the root hints and the port every upstream server is asked on. */
  record Upstreams(RootHints rootHints, int port) {
    public Upstreams {
      Objects.requireNonNull(rootHints, "rootHints");
    }
  }
}
