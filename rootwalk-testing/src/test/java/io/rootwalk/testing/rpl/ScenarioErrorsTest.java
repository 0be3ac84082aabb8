package io.rootwalk.testing.rpl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A malformed scenario is refused with the file, the line and what is wrong, never a stack trace of
 * the parser. Each case is the scenario body after three fixed lines (stub-addr, CONFIG_END,
 * SCENARIO_BEGIN), so its first line is line 4.
 */
class ScenarioErrorsTest {

  private static final String HEAD = "stub-addr: 193.0.14.129\nCONFIG_END\nSCENARIO_BEGIN t\n";

  static Stream<Arguments> malformed() {
    return Stream.of(
        body(
            "RANGE_BEGIN 0\nRANGE_END",
            "4: RANGE_BEGIN needs two step numbers, found 'RANGE_BEGIN 0'"),
        body("RANGE_BEGIN 9 1\nRANGE_END", "4: RANGE_BEGIN 9 1: the first step is after the last"),
        body(
            "RANGE_BEGIN 0 9\nADDRESS ns.example.\nRANGE_END",
            "5: ADDRESS 'ns.example.' is not an IP address"),
        body(
            "RANGE_BEGIN 0 9\nADDRESS 127.77.0.1\nRANGE_END",
            "5: ADDRESS 127.77.0.1 is in 127.77/16, which the replay keeps for itself"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nSECTION ANSWER\nwww.example. IN A 300.1.2.3\nENTRY_END\nRANGE_END",
            "7: SECTION ANSWER: cannot parse record 'www.example. IN A 300.1.2.3': "),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nSECTION QUESTION\nwww.example. IN BOGUS\nENTRY_END\nRANGE_END",
            "7: SECTION QUESTION: 'BOGUS' is not a record type"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nREPLY QR XYZZY\nENTRY_END\nRANGE_END",
            "6: REPLY XYZZY is neither a flag (QR AA TC RD RA AD CD DO), an rcode"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nREPLY NOERROR NXDOMAIN\nENTRY_END\nRANGE_END",
            "6: REPLY gives more than one rcode"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nMATCH all\nENTRY_END\nRANGE_END",
            "6: MATCH all is not supported in a RANGE entry: a server matches on the query's"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nADJUST raw_id\nENTRY_END\nRANGE_END",
            "6: ADJUST raw_id is not supported in a RANGE entry (supported: copy_id copy_query"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nSECTION BOGUS\nENTRY_END\nRANGE_END",
            "6: SECTION needs one of QUESTION ANSWER AUTHORITY ADDITIONAL, found 'SECTION BOGUS'"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nwww.example. IN A 192.0.2.1\nENTRY_END\nRANGE_END",
            "6: expected MATCH, ADJUST, REPLY, SECTION or ENTRY_END, found 'www.example.'"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nSECTION AUTHORITY\nex. SOA ( a. b. 1 2 3\nENTRY_END\nRANGE_END",
            "7: SECTION AUTHORITY: the record's '(' is never closed"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nRAW\nENTRY_END\nRANGE_END",
            "6: RAW is not supported in scenarios replayed here"),
        body(
            "RANGE_BEGIN 0 9\nENTRY_BEGIN\nREPLY QR\nRANGE_END",
            "7: ENTRY_BEGIN on line 5 has no ENTRY_END before this"),
        body(
            "RANGE_BEGIN 0 9\nSTEP 1 QUERY",
            "5: expected ADDRESS, ENTRY_BEGIN or RANGE_END in the RANGE of line 4, found 'STEP'"),
        body(
            "STEP 1 QUERY\nENTRY_BEGIN\nREPLY RD\nENTRY_END",
            "5: STEP 1 QUERY: the ENTRY has no SECTION QUESTION"),
        body(
            "STEP 1 QUERY\nENTRY_BEGIN\nSECTION QUESTION\nexample. CH TXT\nENTRY_END",
            "5: STEP 1 QUERY asks class CH: a lookup is class IN"),
        body(
            "STEP 1 QUERY\nSTEP 2 CHECK_ANSWER",
            "4: STEP QUERY needs an ENTRY_BEGIN on the next line"),
        body(
            "STEP 1 TIME_PASSES 60",
            "4: TIME_PASSES needs ELAPSE and a number of seconds, found 'STEP 1 TIME_PASSES 60'"),
        body(
            "STEP 1 REPLY",
            "4: STEP REPLY is not supported (QUERY, CHECK_ANSWER and TIME_PASSES are)"),
        body(
            "STEP 5 TIME_PASSES ELAPSE 1\nSTEP 5 TIME_PASSES ELAPSE 1",
            "5: STEP 5 after STEP 5: steps must be numbered in increasing order"),
        body(
            "STEP 1 CHECK_ANSWER\nENTRY_BEGIN\nMATCH additional\nENTRY_END",
            "6: MATCH additional is not supported in a CHECK_ANSWER entry: a Resolution has no"),
        body("STEP x QUERY", "4: STEP needs a number and a type, found 'STEP x QUERY'"),
        body("BOGUS", "4: expected RANGE_BEGIN, STEP or SCENARIO_END, found 'BOGUS'"),
        body("SCENARIO_END\nmore", "5: text after SCENARIO_END"),
        body(
            "RANGE_BEGIN 0 9",
            "4: the file ends where RANGE_END for the RANGE_BEGIN on line 4 was expected"),
        whole("stub-addr: 193.0.14.129\nSCENARIO_BEGIN\n", "2: SCENARIO_BEGIN before CONFIG_END"),
        whole("harden-glue: on\nCONFIG_END\n", "2: CONFIG has no stub-addr"),
        whole(
            "stub-addr: k.root-servers.net\nCONFIG_END\n",
            "1: stub-addr 'k.root-servers.net' is not an IP address"),
        whole(
            "stub-addr: 193.0.14.129\nquery-minimization: maybe\nCONFIG_END\n",
            "2: query-minimization must be on or off, not 'maybe'"),
        whole(
            "stub-addr: 193.0.14.129\nCONFIG_END\nRANGE_BEGIN 0 1\n",
            "3: expected SCENARIO_BEGIN after CONFIG_END, found 'RANGE_BEGIN 0 1'"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("malformed")
  void isRefusedWithFileLineAndReason(String text, String expected) {
    assertThatThrownBy(() -> Scenario.parse(text, "bad.rpl"))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessageStartingWith("bad.rpl:" + expected)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(((ScenarioFormatException) e).line())
                    .isEqualTo(Integer.parseInt(expected.substring(0, expected.indexOf(':')))));
  }

  private static Arguments body(String body, String expected) {
    String text = HEAD + body + (body.contains("SCENARIO_END") ? "" : "\nSCENARIO_END") + "\n";
    if (body.startsWith("RANGE_BEGIN 0 9") && !body.contains("RANGE_END")) {
      text = HEAD + body + "\n"; // the file ends inside the range
    }
    return Arguments.of(text, expected);
  }

  private static Arguments whole(String text, String expected) {
    return Arguments.of(text, expected);
  }
}
