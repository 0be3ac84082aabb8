/**
 * The JDK-wide name service provider (JEP 418): {@code InetAddress.getByName}, {@code getAllByName}
 * and {@code getHostName} of any code in the JVM walk from the root through Rootwalk when the JVM
 * is started with {@code -Drootwalk.inet=true}. Compiled only by a JDK 18 or newer, into the {@code
 * META-INF/versions/18} layer of the core jar; not exported.
 */
@NullMarked
package io.rootwalk.inet;

import org.jspecify.annotations.NullMarked;
