package org.clvkit.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The summary CSV that {@code fit} and {@code score} read, and its column options. */
final class SummaryColumnOptions {
  @Parameters(
      index = "0",
      paramLabel = "SUMMARY",
      description =
          "Summary CSV with a header: the output of clv summarize, or any CSV with frequency,"
              + " recency and age columns (gzip recognised).")
  Path file;

  @Option(
      names = "--id-column",
      paramLabel = "COLUMN",
      description = "Customer id column (default customer_id if present, else row numbers).")
  String id;

  @Option(
      names = "--frequency-column",
      paramLabel = "COLUMN",
      description = "Repeat purchases x (default frequency).")
  String frequency;

  @Option(
      names = "--recency-column",
      paramLabel = "COLUMN",
      description = "First to last purchase t_x (default recency).")
  String recency;

  @Option(
      names = "--age-column",
      paramLabel = "COLUMN",
      description =
          "First purchase to calibration end T; for BG/BB the opportunities n (default age).")
  String age;

  @Option(
      names = "--monetary-column",
      paramLabel = "COLUMN",
      description = "Mean repeat purchase value, for Gamma-Gamma (default monetary_value).")
  String monetary;

  @Option(
      names = "--total-spend-column",
      paramLabel = "COLUMN",
      description = "Total spend, for RFM's M score (default total_spend if present).")
  String totalSpend;

  @Option(
      names = "--weight-column",
      paramLabel = "COLUMN",
      description = "Number of customers per row, for compressed data (default: none, 1 each).")
  String weight;

  SummaryTable read() {
    return SummaryTable.read(
        file, new SummaryTable.Columns(id, frequency, recency, age, monetary, totalSpend, weight));
  }
}
