package io.rootwalk;

import io.rootwalk.iterate.Engine;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One host lookup: the A and AAAA lookups of a name, side by side, merged into {@link
 * HostAddresses} by its rules. The two are ordinary lookups of the resolver (cache, in-flight
 * sharing, admission); cancelling the host's future cancels both, and a blocking caller that is
 * interrupted gets both back as SERVFAIL {@link FailureReason#CANCELLED}.
 */
final class HostLookup {

  private final Resolver resolver;
  private final Name name;
  private final IpFamilyPolicy policy;
  private final Optional<Question> a;
  private final Optional<Question> aaaa;

  /**
   * Both questions are made here, before either lookup is sent, so a bad name never leaves half a
   * host lookup running.
   */
  HostLookup(Resolver resolver, Name name, IpFamilyPolicy policy) {
    this.resolver = resolver;
    this.name = name;
    this.policy = policy;
    this.a = policy.allowsIpv4() ? Optional.of(new Question(name, Type.A)) : Optional.empty();
    this.aaaa = policy.allowsIpv6() ? Optional.of(new Question(name, Type.AAAA)) : Optional.empty();
  }

  CompletableFuture<HostAddresses> start(LookupOptions options) {
    CompletableFuture<Optional<Resolution>> v4 = lookupIfAsked(a, options);
    CompletableFuture<Optional<Resolution>> v6 = lookupIfAsked(aaaa, options);
    CompletableFuture<HostAddresses> host =
        v4.thenCombine(v6, (r4, r6) -> HostAddresses.merge(name, policy, r4, r6));
    host.whenComplete(
        (h, e) -> {
          if (host.isCancelled()) {
            v4.cancel(false);
            v6.cancel(false);
          }
        });
    return host;
  }

  /**
   * Waits for the host's addresses; an interrupt cancels both lookups, as {@code lookup}'s does.
   */
  HostAddresses await(LookupOptions options) {
    CompletableFuture<HostAddresses> host = start(options);
    try {
      return host.get();
    } catch (InterruptedException e) {
      host.cancel(false);
      Thread.currentThread().interrupt();
      return HostAddresses.merge(
          name, policy, a.map(Engine::cancelled), aaaa.map(Engine::cancelled));
    } catch (ExecutionException e) {
      // Both lookups complete normally and the merge does not throw: this is a bug, still a value.
      return HostAddresses.merge(
          name,
          policy,
          a.map(q -> Engine.internalError(q, e)),
          aaaa.map(q -> Engine.internalError(q, e)));
    }
  }

  /**
   * The lookup's own future, so cancelling it reaches the engine; {@code thenApply} would leave a
   * copy that cancels nothing.
   */
  private CompletableFuture<Optional<Resolution>> lookupIfAsked(
      Optional<Question> question, LookupOptions options) {
    if (question.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    CompletableFuture<Resolution> lookup = resolver.lookupAsync(question.get(), options);
    CompletableFuture<Optional<Resolution>> asked = lookup.thenApply(Optional::of);
    asked.whenComplete(
        (r, e) -> {
          if (asked.isCancelled()) {
            lookup.cancel(false);
          }
        });
    return asked;
  }
}
