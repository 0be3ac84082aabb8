package io.rootwalk.testing.rpl;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One STEP of a scenario, played in file order. Its {@link #id()} is the step number that RANGEs
 * are valid for while it plays.
 */
public sealed interface Step {

  /** The step number, {@code n} in {@code STEP n}. */
  int id();

  /** The line of the STEP keyword, for messages. */
  int line();

  /**
   * {@code STEP n QUERY}: look the question up.
   *
   * @param id the step number
   * @param line the STEP line
   * @param qname the question name as written
   * @param qtype the question type
   */
  record Query(int id, int line, Name qname, int qtype) implements Step {
    @Override
    public String toString() {
      return "STEP " + id + " QUERY " + qname + " " + Type.string(qtype);
    }
  }

  /**
   * {@code STEP n CHECK_ANSWER}: compare the last lookup's result with what is expected.
   *
   * @param id the step number
   * @param line the STEP line
   * @param expected what the entry says the answer must be
   */
  record CheckAnswer(int id, int line, ExpectedAnswer expected) implements Step {
    @Override
    public String toString() {
      return "STEP " + id + " CHECK_ANSWER";
    }
  }

  /**
   * {@code STEP n TIME_PASSES ELAPSE s}: move the resolver's clock on.
   *
   * @param id the step number
   * @param line the STEP line
   * @param seconds how far
   */
  record TimePasses(int id, int line, long seconds) implements Step {
    @Override
    public String toString() {
      return "STEP " + id + " TIME_PASSES ELAPSE " + seconds;
    }
  }
}
