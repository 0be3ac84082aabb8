/**
 * Rootwalk's second-level cache on Redis or Valkey: {@link io.rootwalk.redis.RedisSecondLevelCache}
 * and its {@link io.rootwalk.redis.RedisSecondLevelCache.Builder}.
 */
@NullMarked
package io.rootwalk.redis;

import org.jspecify.annotations.NullMarked;
