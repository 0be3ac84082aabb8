/**
 * A picture of the delegation walk for {@code rootwalk trace NAME --graph FILE}: {@link
 * io.rootwalk.cli.graph.WalkGraph} is the walk as nodes, edges and rows, built from a {@link
 * io.rootwalk.Trace} by {@link io.rootwalk.cli.graph.WalkGraphBuilder}; {@link
 * io.rootwalk.cli.graph.DotWriter} and {@link io.rootwalk.cli.graph.SvgWriter} draw it. The SVG is
 * laid out here, by a few rules, so the CLI needs no Graphviz binary.
 */
@NullMarked
package io.rootwalk.cli.graph;

import org.jspecify.annotations.NullMarked;
