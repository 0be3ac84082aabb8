package io.rootwalk.iterate;

/** The named states of one {@link Walk}. Each says when it is entered. */
enum WalkState {
  /** Entered at the start and after every alias hop: is the answer, or its absence, cached? */
  CHECK_CACHE,
  /**
   * Entered when the own cache cannot answer and the resolver has a second-level cache: read what
   * it holds for the name into the own cache, then check the cache again.
   */
  READ_SECOND_LEVEL,
  /**
   * Entered when the cache cannot answer: start from the deepest cached zone cut containing the
   * name, or prime the root from the hints when not even the root is known.
   */
  FIND_ZONE_CUT,
  /**
   * Entered at a new zone cut and after every failed or lame exchange: pick the best untried server
   * address, or chase a name server's address, or give up with the reasons.
   */
  SELECT_SERVER,
  /** Entered when a response (or a transport failure) for the in-flight query arrives. */
  CLASSIFY,
  /** Entered when no server address is left but a name server's address could be resolved. */
  CHASE_NS_ADDRESS,
  /** Entered after a CNAME or DNAME: continue with the alias target. */
  FOLLOW_ALIAS
}
