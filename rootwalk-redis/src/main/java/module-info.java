/**
 * A second-level cache on Redis or Valkey that the resolvers of a fleet share: {@link
 * io.rootwalk.redis.RedisSecondLevelCache}, an {@code io.rootwalk.spi.SecondLevelCache} for {@code
 * ResolverBuilder.secondLevelCache}. An adapter module of its own, so that the core library never
 * depends on a Redis client.
 */
module io.rootwalk.redis {
  requires transitive io.rootwalk;
  // Lettuce ships as an automatic module (Automatic-Module-Name: lettuce.core).
  requires lettuce.core;
  requires io.netty.resolver;
  requires org.slf4j;
  requires static org.jspecify;

  exports io.rootwalk.redis;
}
