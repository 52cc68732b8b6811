/**
 * A Spark 3.5 batch job that scores customers with clvkit: transaction log to customer summaries
 * (clv-core's accumulator, one per partition), BG/NBD and Gamma-Gamma fitted on the driver from
 * pattern tables aggregated across the cluster, models broadcast, customers scored in {@code
 * mapPartitions} with the batch methods, Parquet out. Start with {@link
 * org.clvkit.examples.spark.ClvSparkJob}.
 */
package org.clvkit.examples.spark;
