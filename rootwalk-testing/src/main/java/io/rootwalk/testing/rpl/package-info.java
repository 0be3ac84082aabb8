/**
 * Resolver test scenarios in the plain-text format of Deckard and Unbound's testbound ({@code
 * .rpl}), served by a {@link io.rootwalk.testing.ScriptedServer} on loopback so that a JUnit test
 * can replay them against a resolver in the same JVM. {@link io.rootwalk.testing.rpl.Scenario}
 * reads a file, {@link io.rootwalk.testing.rpl.Scenario#start()} runs its servers; the runner that
 * plays the steps lives with the resolver's tests, as this module never depends on the resolver.
 *
 * <h2>What is read</h2>
 *
 * <ul>
 *   <li>{@code CONFIG_END} ends the CONFIG block of {@code key: value} lines: {@code stub-addr}
 *       (repeatable; in Unbound's clauses only under {@code name: "."}) gives the root hints,
 *       {@code query-minimization} or {@code qname-minimisation} (on/off, yes/no) is recorded for
 *       the runner, every other option is kept in {@link
 *       io.rootwalk.testing.rpl.ScenarioConfig#options()} and otherwise ignored.
 *   <li>{@code SCENARIO_BEGIN description} .. {@code SCENARIO_END} holds RANGEs and STEPs.
 *   <li>{@code RANGE_BEGIN first last} with {@code ADDRESS} lines (IPv4 or IPv6; none: every
 *       server) and entries, then {@code RANGE_END}.
 *   <li>{@code ENTRY_BEGIN} .. {@code ENTRY_END}: {@code MATCH} (in a RANGE: {@code opcode qtype
 *       qname qcase subdomain question tcp udp}, by default {@code opcode qtype qname}), {@code
 *       ADJUST} ({@code copy_id copy_query do_not_answer}, by default {@code copy_id}), {@code
 *       REPLY} (flags {@code QR AA TC RD RA AD CD DO}, one rcode, one opcode), {@code SECTION
 *       QUESTION|ANSWER|AUTHORITY|ADDITIONAL} with records in zone-file syntax (names relative to
 *       the root, TTL 3600 and class IN unless given, parentheses may span lines). {@code
 *       MANDATORY} is ignored.
 *   <li>{@code STEP n QUERY} (the entry's first question, class IN), {@code STEP n CHECK_ANSWER}
 *       ({@code MATCH opcode qtype qname qcase subdomain question flags rcode answer authority
 *       all}; {@code all} leaves out the additional section, which a lookup's result does not
 *       have), {@code STEP n TIME_PASSES ELAPSE seconds}. {@code CHECK_OUT_QUERY} and {@code
 *       NOTHING} steps are skipped, as Deckard does. Steps are numbered in increasing order.
 * </ul>
 *
 * <p>Anything else in a RANGE, ENTRY or STEP ({@code RAW}, {@code TSIG}, {@code STEP REPLY}, {@code
 * MATCH all} in a RANGE, {@code MATCH edns}, {@code ADJUST raw_id}, ...) is refused with a {@link
 * io.rootwalk.testing.rpl.ScenarioFormatException} naming the file and line, as is any malformed
 * line: a scenario is never half-replayed.
 *
 * <h2>How queries are answered</h2>
 *
 * <p>A query sent to a lab address while step {@code n} plays gets the first entry, in file order,
 * of the RANGEs that include step {@code n} and that server (or name no server) whose MATCH holds.
 * That is Unbound's testbound rule; Deckard looks only in the first such RANGE, which gives the
 * same answers for scenarios whose RANGEs do not overlap. A query nothing matches gets SERVFAIL, as
 * in Deckard, and is recorded as unmatched. Every reply carries an OPT record exactly when the
 * query did, with the query's EDNS version and flags, as Deckard's replies do.
 *
 * <h2>Addresses</h2>
 *
 * <p>Each scenario server address is given its own {@code 127.77.x.y} ({@link
 * io.rootwalk.testing.rpl.AddressMap} has the rule); A and AAAA records naming a server address are
 * rewritten to it, all other data is sent as written. The root hints list the {@code stub-addr}s at
 * their lab addresses under the name {@code k.root-servers.net.}.
 */
@NullMarked
package io.rootwalk.testing.rpl;

import org.jspecify.annotations.NullMarked;
