package io.rootwalk.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A key-value store that several resolvers share behind their own in-process caches: Unbound's
 * {@code cachedb} module, as a seam. The resolver decides everything DNS about an entry (its key,
 * its bytes, its rank, its lifetime) and checks everything it reads back as if a stranger had
 * written it; a store only keeps bytes for a while. {@code rootwalk-redis} implements it on Redis
 * or Valkey.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Neither method blocks its caller: both are called on the resolver's own threads, the
 *       transport's I/O thread among them. Their stages complete on the store's threads.
 *   <li>{@link #read} completes with one element per key, in the keys' order: the value and the
 *       milliseconds it has left, or empty when the key holds nothing (or has expired).
 *   <li>A {@link Put} replaces the key's value unless a live value with a higher {@link Put#rank()}
 *       is there (RFC 2181 section 5.4.1: weaker data never displaces stronger data, whoever wrote
 *       it), and the value expires {@link Put#ttlMillis()} after it was written. The check and the
 *       write must be one atomic step for concurrent writers. Every value's first byte is its rank,
 *       so a store can compare ranks without decoding anything.
 *   <li>A store that is slow or down may complete late or exceptionally: the resolver bounds every
 *       read with its own timeout and never fails a lookup because of the store.
 * </ul>
 */
public interface SecondLevelCache extends AutoCloseable {

  /**
   * Reads the values of {@code keys}, in one round trip where the store allows.
   *
   * @param keys the keys, at most a few dozen
   * @return one element per key, in order; empty for a key that holds nothing
   */
  CompletionStage<List<Optional<Entry>>> read(List<String> keys);

  /**
   * Applies {@code writes} in order, as one batch where the store allows.
   *
   * @param writes the puts and deletes
   * @return completes when the store has applied them, or exceptionally
   */
  CompletionStage<Void> write(List<Write> writes);

  /** Releases the store's connections; the resolver that was built with the store calls it. */
  @Override
  void close();

  /**
   * A value read back.
   *
   * @param value the bytes, as a {@link Put} wrote them
   * @param remainingMillis how long the value has left in the store: the store's own expiry, so
   *     resolvers on machines whose clocks disagree still agree on it
   */
  record Entry(byte[] value, long remainingMillis) {
    /**
     * Copies the bytes.
     *
     * @param value the bytes
     * @param remainingMillis the time left
     * @throws NullPointerException if {@code value} is null
     */
    public Entry {
      value = value.clone();
    }

    /**
     * The bytes.
     *
     * @return a copy of the value
     */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e
          && e.remainingMillis == remainingMillis
          && Arrays.equals(e.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value) * 31 + Long.hashCode(remainingMillis);
    }

    @Override
    public String toString() {
      return "Entry[" + value.length + " bytes, " + remainingMillis + " ms left]";
    }
  }

  /** One change to the store. */
  sealed interface Write permits Put, Delete {
    /**
     * The key changed.
     *
     * @return the key
     */
    String key();
  }

  /**
   * Stores a value unless a live one of higher rank is there.
   *
   * @param key the key
   * @param rank the value's trust rank, also its first byte: higher is more trusted
   * @param value the bytes
   * @param ttlMillis how long the store keeps the value: the time the resolver's own copy has left
   */
  record Put(String key, int rank, byte[] value, long ttlMillis) implements Write {
    /**
     * Checks the parts and copies the bytes.
     *
     * @param key the key
     * @param rank the rank
     * @param value the bytes, whose first byte is {@code rank}
     * @param ttlMillis the lifetime, at least 1
     * @throws IllegalArgumentException if the value does not start with its rank or the lifetime is
     *     not positive
     */
    public Put {
      Objects.requireNonNull(key, "key");
      if (value.length == 0 || value[0] != rank) {
        throw new IllegalArgumentException("a value's first byte must be its rank " + rank);
      }
      if (ttlMillis < 1) {
        throw new IllegalArgumentException("ttlMillis must be positive but was " + ttlMillis);
      }
      value = value.clone();
    }

    /**
     * The bytes.
     *
     * @return a copy of the value
     */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Put p
          && p.key.equals(key)
          && p.rank == rank
          && p.ttlMillis == ttlMillis
          && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, rank, ttlMillis) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Put["
          + key
          + ", rank "
          + rank
          + ", "
          + value.length
          + " bytes, "
          + ttlMillis
          + " ms]";
    }
  }

  /**
   * Removes a key: data the resolver found bogus (RFC 4035 section 4.5) must not be read back by
   * another resolver either.
   *
   * @param key the key
   */
  record Delete(String key) implements Write {
    /**
     * Checks the key.
     *
     * @param key the key
     * @throws NullPointerException if {@code key} is null
     */
    public Delete {
      Objects.requireNonNull(key, "key");
    }
  }
}
