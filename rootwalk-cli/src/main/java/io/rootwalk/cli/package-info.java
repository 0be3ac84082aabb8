/**
 * The {@code rootwalk} command: {@code demo}, {@code lookup}, {@code trace} and {@code serve}. The
 * flags, output and exit codes are a contract other tools drive (see DESIGN.md, "The rootwalk CLI
 * contract"); {@link io.rootwalk.cli.Main#run} runs a command in-process for tests.
 */
@NullMarked
package io.rootwalk.cli;

import org.jspecify.annotations.NullMarked;
