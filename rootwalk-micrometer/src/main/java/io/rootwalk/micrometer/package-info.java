/** Micrometer metrics for a Rootwalk resolver. */
@NullMarked
package io.rootwalk.micrometer;

import org.jspecify.annotations.NullMarked;
