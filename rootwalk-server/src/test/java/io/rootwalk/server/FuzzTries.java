package io.rootwalk.server;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets one command turn a fuzz property's CI slice into a long run: {@code
 * -Drootwalk.fuzz.tries=1000000} replaces the tries its {@code @Property} gives, and {@code
 * -Drootwalk.fuzz.seed=...} replays the seed a failure report printed. Without them the annotation
 * stands, so {@code mvn verify} stays a bounded slice. Registered with
 * {@code @AddLifecycleHook(FuzzTries.class)}.
 */
public final class FuzzTries implements AroundPropertyHook {

  static final String TRIES = "rootwalk.fuzz.tries";
  static final String SEED = "rootwalk.fuzz.seed";

  /** Registered on a test class, it reaches the class's properties. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String tries = System.getProperty(TRIES);
    if (tries != null && !tries.isBlank()) {
      context.attributes().setTries(Integer.parseInt(tries.trim()));
    }
    String seed = System.getProperty(SEED);
    if (seed != null && !seed.isBlank()) {
      context.attributes().setSeed(seed.trim());
    }
    return property.execute();
  }
}
