/**
 * JMH benchmarks of clvkit. Built in every build, run only on request: {@code java -jar
 * clv-bench/target/benchmarks.jar} (see README, "Performance").
 */
package org.clvkit.bench;
