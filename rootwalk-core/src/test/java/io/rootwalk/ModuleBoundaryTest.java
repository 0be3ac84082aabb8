package io.rootwalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API boundary is the module's: three packages are exported (the resolver, the check report,
 * the transport SPI), and nothing reachable from them names a type of the engine's packages, so a
 * user can never be handed an internal type.
 */
class ModuleBoundaryTest {

  private static final Set<String> API =
      Set.of("io.rootwalk", "io.rootwalk.check", "io.rootwalk.spi");

  @Test
  void theModuleExportsOnlyTheApiPackages() {
    Module module = Resolver.class.getModule();
    assertThat(module.isNamed()).as("tests run inside the io.rootwalk module").isTrue();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertThat(descriptor.name()).isEqualTo("io.rootwalk");
    assertThat(descriptor.exports())
        .allSatisfy(e -> assertThat(e.isQualified()).as("no qualified exports").isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrderElementsOf(API);
  }

  @Test
  void noPublicSignatureOfTheApiNamesAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : apiTypes()) {
      for (Method m : type.getDeclaredMethods()) {
        if (visible(m.getModifiers()) && !m.isSynthetic()) {
          check(type.getSimpleName() + "." + m.getName() + "()", m.getGenericReturnType(), leaks);
          checkParameters(type, m, leaks);
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (visible(c.getModifiers())) {
          checkParameters(type, c, leaks);
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(type.getSimpleName() + "." + f.getName(), f.getGenericType(), leaks);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent rc : type.getRecordComponents()) {
          check(type.getSimpleName() + "." + rc.getName(), rc.getGenericType(), leaks);
        }
      }
      if (type.getSuperclass() != null) {
        check(type.getSimpleName() + " extends", type.getGenericSuperclass(), leaks);
      }
      for (Type i : type.getGenericInterfaces()) {
        check(type.getSimpleName() + " implements", i, leaks);
      }
    }
    assertThat(leaks).as("internal types in the public API").isEmpty();
  }

  private static void checkParameters(Class<?> owner, Executable e, List<String> leaks) {
    for (Type p : e.getGenericParameterTypes()) {
      check(owner.getSimpleName() + "." + e.getName() + "(...)", p, leaks);
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(String where, Type t, List<String> leaks) {
    if (t instanceof ParameterizedType p) {
      check(where, p.getRawType(), leaks);
      for (Type arg : p.getActualTypeArguments()) {
        check(where, arg, leaks);
      }
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        check(where, b, leaks);
      }
      for (Type b : w.getLowerBounds()) {
        check(where, b, leaks);
      }
    } else if (t instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String pkg = c.getPackageName();
      if (pkg.startsWith("io.rootwalk") && !API.contains(pkg)) {
        leaks.add(where + " -> " + c.getName());
      }
    }
  }

  /** Every public type, nested ones included, of the exported packages. */
  private static Set<Class<?>> apiTypes() throws Exception {
    Module module = Resolver.class.getModule();
    Set<String> names = new TreeSet<>();
    try (var reader =
        module
            .getLayer()
            .configuration()
            .findModule("io.rootwalk")
            .orElseThrow()
            .reference()
            .open()) {
      names.addAll(
          reader
              .list()
              .filter(
                  n ->
                      n.endsWith(".class")
                          // The Java 18+ layer (JDK 18+ builds): versioned, not API either.
                          && !n.startsWith("META-INF/")
                          && !n.contains("module-info")
                          && !n.contains("package-info"))
              .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
              .collect(Collectors.toList()));
    }
    Set<Class<?>> out = new java.util.LinkedHashSet<>();
    for (String n : names) {
      Class<?> c = Class.forName(n, false, Resolver.class.getClassLoader());
      if (API.contains(c.getPackageName()) && isPublicAllTheWayOut(c) && !fromTests(c)) {
        out.add(c);
      }
    }
    assertThat(out).as("API types found").contains(Resolver.class, ResolverBuilder.class);
    return out;
  }

  /** The tests are patched into the module; their own helpers are not API. */
  private static boolean fromTests(Class<?> c) {
    return c.getProtectionDomain()
        .getCodeSource()
        .getLocation()
        .toString()
        .contains("test-classes");
  }

  private static boolean isPublicAllTheWayOut(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
