/**
 * Small programs to copy: each has a {@code main} that runs offline against the demo lab when given
 * no arguments, and a method taking a {@link io.rootwalk.Resolver} that does the real work.
 */
@NullMarked
package io.rootwalk.examples;

import org.jspecify.annotations.NullMarked;
