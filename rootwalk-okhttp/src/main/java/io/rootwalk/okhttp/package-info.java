/**
 * OkHttp's DNS hook answered by Rootwalk: {@code new OkHttpClient.Builder().dns(new
 * RootwalkDns(resolver))}.
 */
@NullMarked
package io.rootwalk.okhttp;

import org.jspecify.annotations.NullMarked;
