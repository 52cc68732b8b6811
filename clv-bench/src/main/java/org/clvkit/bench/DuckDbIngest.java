package org.clvkit.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB's side of the ingest comparison ({@code scripts/ingest-vs-duckdb.sh}): reads a log with
 * {@code read_csv} and writes the per-customer summary that {@code clv summarize} writes (distinct
 * purchase days, first and last day, total spend, weeks to the observation end) with one {@code
 * GROUP BY}, on {@code threads} threads. DuckDB's JDBC driver is a dependency of clv-bench only.
 *
 * <p>Usage: {@code DuckDbIngest LOG OUT.csv END_DATE THREADS}.
 */
public final class DuckDbIngest {
  private DuckDbIngest() {}

  /**
   * Runs the query.
   *
   * @param args the log, the output CSV, the observation end (yyyy-MM-dd), the threads
   * @throws SQLException when DuckDB fails
   */
  public static void main(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + Integer.parseInt(args[3]));
      String end = args[2].replace("'", "");
      s.execute(
          "COPY (SELECT customer_id, count(DISTINCT date) - 1 AS frequency,"
              + " (max(date) - min(date)) / 7.0 AS recency,"
              + " (DATE '"
              + end
              + "' - min(date)) / 7.0 AS age, sum(amount) AS total_spend,"
              + " min(date) AS first_purchase, max(date) AS last_purchase"
              + " FROM read_csv('"
              + args[0].replace("'", "''")
              + "', header = true, columns = {'customer_id': 'BIGINT', 'date': 'DATE',"
              + " 'amount': 'DOUBLE'}) GROUP BY customer_id) TO '"
              + args[1].replace("'", "''")
              + "' (HEADER, DELIMITER ',')");
    }
  }
}
