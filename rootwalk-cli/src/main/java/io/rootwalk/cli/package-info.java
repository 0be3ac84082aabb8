/**
 * The {@code rootwalk} command: {@code demo}, {@code lookup}, {@code trace}, {@code serve} and
 * {@code completion}, each a picocli {@code @Command} under {@code RootwalkCommand}. The flags,
 * output and exit codes are a contract other tools drive (see DESIGN.md, "The rootwalk CLI
 * contract"); {@link io.rootwalk.cli.Main#run} runs a command in-process for tests.
 */
@NullMarked
package io.rootwalk.cli;

import org.jspecify.annotations.NullMarked;
