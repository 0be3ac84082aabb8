package io.rootwalk.benchmarks;

/**
 * The machine-readable lines the comparison script collects from the benchmark mains: {@code
 * result<TAB>system<TAB>metric<TAB>value}, one measurement each.
 */
final class ComparisonOutput {

  private ComparisonOutput() {}

  static void result(String system, String metric, Object value) {
    System.out.println("result\t" + system + "\t" + metric + "\t" + value);
    System.out.flush();
  }
}
