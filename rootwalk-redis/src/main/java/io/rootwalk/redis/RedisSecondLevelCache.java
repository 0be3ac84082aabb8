package io.rootwalk.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.rootwalk.spi.SecondLevelCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Rootwalk's second-level cache on Redis or Valkey, as Unbound's {@code cachedb} keeps its own:
 * every entry one key ({@code PREFIX + "v1/a/www.example.com./A"}), its value the resolver's bytes,
 * its expiry Redis's own ({@code PX}: what the writing resolver's copy had left). Reads fetch all
 * the keys of one lookup and their remaining lifetimes in one round trip; a write replaces a value
 * only if it does not outrank the new one, checked and written in one Lua script so concurrent
 * resolvers cannot interleave (RFC 2181 section 5.4.1 across the fleet).
 *
 * <pre>{@code
 * Resolver resolver =
 *     Resolver.builder()
 *         .secondLevelCache(RedisSecondLevelCache.builder("redis://cache.internal:6379").build())
 *         .build();
 * }</pre>
 *
 * <p>Non-blocking (Lettuce on Netty): the connection is made in the background from the start, and
 * made again after a failure; while Redis is unreachable every call fails at once, and the resolver
 * walks. Host names in the URI are resolved through the JDK ({@code InetAddress}), not Netty's own
 * DNS client. A shared store is only as trustworthy as those who can write to it: give Redis a
 * password or ACL user ({@link Builder#credentials}) and TLS ({@code rediss://}) outside one host.
 * The resolver checks everything it reads back, but cannot tell a forged entry that obeys every
 * rule from a real one unless DNSSEC validation is on.
 */
public final class RedisSecondLevelCache implements SecondLevelCache {

  /**
   * For each key: its value and the milliseconds it has left, or false and -2. One script, so the
   * value and its lifetime are read together.
   */
  static final String READ =
      """
      local out = {}
      for i, k in ipairs(KEYS) do
        local v = redis.call('GET', k)
        if v then out[2*i-1] = v; out[2*i] = redis.call('PTTL', k)
        else out[2*i-1] = false; out[2*i] = -2 end
      end
      return out
      """;

  /**
   * For each key, three arguments: the rank (or 'd' to delete), the value, the lifetime in ms. A
   * live value whose first byte (its rank) is higher stays.
   */
  static final String WRITE =
      """
      local n = 0
      for i, k in ipairs(KEYS) do
        local op = ARGV[3*i-2]
        if op == 'd' then redis.call('DEL', k)
        else
          local old = redis.call('GET', k)
          if (not old) or string.byte(old, 1) <= tonumber(op) then
            redis.call('SET', k, ARGV[3*i-1], 'PX', ARGV[3*i]); n = n + 1
          end
        end
      end
      return n
      """;

  private static final String READ_SHA = sha1(READ);
  private static final String WRITE_SHA = sha1(WRITE);

  private static final byte[] DELETE = "d".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONE = new byte[0];
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final RedisClient client;
  private final ClientResources resources;
  private final RedisURI uri;
  private final String prefix;
  private final Duration reconnectAfter;
  private final AtomicReference<@Nullable Connecting> connection = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Writes not yet acknowledged, waited for at close: a short-lived CLI run writes before exit. */
  private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

  private final Duration commandTimeout;

  /** A connection being made, or made, and when a failed one may be tried again. */
  private record Connecting(
      CompletableFuture<StatefulRedisConnection<String, byte[]>> future, long startedNanos) {}

  private RedisSecondLevelCache(Builder b) {
    this.uri = b.uri;
    this.prefix = b.prefix;
    this.reconnectAfter = b.reconnectAfter;
    this.commandTimeout = b.commandTimeout;
    // The JDK's resolver, not Netty's DNS client reading /etc/resolv.conf: a host name here is
    // looked up as the application's own names are (through Rootwalk, with -Drootwalk.inet=true).
    this.resources =
        ClientResources.builder()
            .addressResolverGroup(DefaultAddressResolverGroup.INSTANCE)
            .build();
    this.client = RedisClient.create(resources);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // While disconnected, fail at once instead of queueing: the resolver walks instead.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(b.commandTimeout).build())
            .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
            .build());
  }

  /**
   * A builder for a cache at {@code uri}.
   *
   * @param uri {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://} for
   *     TLS; Valkey speaks the same protocol
   * @return a builder with key prefix {@code "rootwalk:"} and a 1-second command timeout
   * @throws IllegalArgumentException if the URI is not one Lettuce can read
   */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  @Override
  public CompletionStage<List<Optional<Entry>>> read(List<String> keys) {
    String[] prefixed = prefixed(keys);
    return commands()
        .thenCompose(
            c ->
                RedisSecondLevelCache.<List<Object>>script(
                    c, READ, READ_SHA, ScriptOutputType.MULTI, prefixed, new byte[0][]))
        .thenApply(reply -> entries(reply, keys.size()));
  }

  private static List<Optional<Entry>> entries(@Nullable List<Object> reply, int expected) {
    if (reply == null || reply.size() != 2 * expected) {
      throw new IllegalStateException(
          "Redis answered "
              + (reply == null ? 0 : reply.size())
              + " items for "
              + expected
              + " keys");
    }
    List<Optional<Entry>> out = new ArrayList<>(expected);
    for (int i = 0; i < expected; i++) {
      Object value = reply.get(2 * i);
      Object ttl = reply.get(2 * i + 1);
      // -1 is a key without expiry: never one of ours, so not trusted to be one.
      if (value instanceof byte[] bytes && ttl instanceof Long millis && millis > 0) {
        out.add(Optional.of(new Entry(bytes, millis)));
      } else {
        out.add(Optional.empty());
      }
    }
    return out;
  }

  @Override
  public CompletionStage<Void> write(List<Write> writes) {
    if (writes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String[] keys = new String[writes.size()];
    byte[][] args = new byte[writes.size() * 3][];
    for (int i = 0; i < writes.size(); i++) {
      Write w = writes.get(i);
      keys[i] = prefix + w.key();
      if (w instanceof Put p) {
        args[3 * i] = ascii(Integer.toString(p.rank()));
        args[3 * i + 1] = p.value();
        args[3 * i + 2] = ascii(Long.toString(p.ttlMillis()));
      } else {
        args[3 * i] = DELETE;
        args[3 * i + 1] = NONE;
        args[3 * i + 2] = NONE;
      }
    }
    CompletableFuture<Void> done =
        commands()
            .thenCompose(c -> script(c, WRITE, WRITE_SHA, ScriptOutputType.INTEGER, keys, args))
            .thenApply(n -> null);
    inFlight.add(done);
    done.whenComplete((v, e) -> inFlight.remove(done));
    return done;
  }

  /**
   * Runs a script by its SHA1, so Redis neither receives nor hashes the text on every call; once
   * after a restart (or a {@code SCRIPT FLUSH}) Redis does not know it, and it is sent whole.
   */
  private static <T> CompletableFuture<T> script(
      RedisAsyncCommands<String, byte[]> c,
      String text,
      String sha,
      ScriptOutputType type,
      String[] keys,
      byte[][] args) {
    return c.<T>evalsha(sha, type, keys, args)
        .toCompletableFuture()
        .handle(
            (v, e) -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause == null) {
                return CompletableFuture.completedFuture(v);
              }
              if (cause instanceof RedisNoScriptException
                  || String.valueOf(cause.getMessage()).startsWith("NOSCRIPT")) {
                return c.<T>eval(text, type, keys, args).toCompletableFuture();
              }
              return CompletableFuture.<T>failedFuture(cause);
            })
        .thenCompose(f -> f);
  }

  private static String sha1(String script) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /**
   * The connection's commands: the one made, or one being made; a failed attempt is tried again
   * once {@code reconnectAfter} has passed, and until then calls fail at once.
   */
  private CompletableFuture<RedisAsyncCommands<String, byte[]>> commands() {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    Connecting current = connection.get();
    long now = System.nanoTime();
    if (current == null
        || (current.future().isCompletedExceptionally()
            && now - current.startedNanos() >= reconnectAfter.toNanos())) {
      Connecting fresh = new Connecting(new CompletableFuture<>(), now);
      if (connection.compareAndSet(current, fresh)) {
        var unused =
            client
                .connectAsync(CODEC, uri)
                .whenComplete(
                    (c, e) -> {
                      if (e != null) {
                        fresh.future().completeExceptionally(e);
                      } else if (closed.get()) {
                        var unusedClose = c.closeAsync();
                        fresh.future().completeExceptionally(new IllegalStateException("closed"));
                      } else {
                        fresh.future().complete(c);
                      }
                    });
      }
      current = connection.get();
    }
    return Objects.requireNonNull(current).future().thenApply(StatefulRedisConnection::async);
  }

  private String[] prefixed(List<String> keys) {
    String[] out = new String[keys.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = prefix + keys.get(i);
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Waits up to the command timeout for writes still in flight, then closes the connection and
   * Lettuce's threads.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // a write that failed or hangs is lost, as a write to a dead store is
    }
    Connecting current = connection.get();
    if (current != null) {
      var unused = current.future().thenAccept(StatefulRedisConnection::close);
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    var unused = resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisSecondLevelCache["
        + uri.getHost()
        + ":"
        + uri.getPort()
        + ", prefix "
        + prefix
        + "]";
  }

  /** The settings of a {@link RedisSecondLevelCache}. */
  public static final class Builder {
    private final RedisURI uri;
    private String prefix = "rootwalk:";
    private Duration commandTimeout = Duration.ofSeconds(1);
    private Duration reconnectAfter = Duration.ofSeconds(1);

    private Builder(String uri) {
      Objects.requireNonNull(uri, "uri");
      this.uri = RedisURI.create(uri);
    }

    /**
     * What every key starts with, so resolvers with different settings (root hints, say) can share
     * one Redis without sharing entries, and so Rootwalk's keys are easy to find.
     *
     * @param prefix any string, {@code ""} for none
     * @return this builder
     */
    public Builder keyPrefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * A user and password (Redis 6 ACL; user {@code "default"} for a plain {@code requirepass}),
     * instead of those in the URI.
     *
     * @param user the user
     * @param password the password
     * @return this builder
     */
    public Builder credentials(String user, char[] password) {
      uri.setCredentialsProvider(
          new StaticCredentialsProvider(
              Objects.requireNonNull(user, "user"),
              Objects.requireNonNull(password, "password").clone()));
      return this;
    }

    /**
     * Whether a {@code rediss://} server's certificate is checked (default true: TLS without it
     * guards nothing against a forger in the middle).
     *
     * @param verify whether to verify the peer
     * @return this builder
     */
    public Builder verifyPeer(boolean verify) {
      uri.setVerifyPeer(verify);
      return this;
    }

    /**
     * How long one command, or connecting, may take before it fails. The resolver waits less
     * ({@code ResolverBuilder.secondLevelTimeout}); this bounds what is left in flight.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive(timeout, "commandTimeout");
      return this;
    }

    /**
     * How long after a failed connection attempt the next one is made; calls in between fail at
     * once.
     *
     * @param delay positive
     * @return this builder
     */
    public Builder reconnectAfter(Duration delay) {
      this.reconnectAfter = positive(delay, "reconnectAfter");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(what + " must be positive but was " + d);
      }
      return d;
    }

    /**
     * The cache; it starts connecting at once, in the background.
     *
     * @return a new cache
     */
    public RedisSecondLevelCache build() {
      RedisSecondLevelCache cache = new RedisSecondLevelCache(this);
      // Connect now, in the background: the resolver's first reads should find a connection
      // rather than wait for one longer than their timeout.
      var unused = cache.commands();
      return cache;
    }
  }
}
