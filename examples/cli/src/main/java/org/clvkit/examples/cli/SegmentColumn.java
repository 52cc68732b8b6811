package org.clvkit.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clvkit.core.data.CustomerSummaries;

/**
 * A segment column of the transaction log ({@code clv report --segment-column NAME|INDEX}),
 * collected while the log is read: for each customer, the value on the row of their first purchase
 * (the earliest time; of rows at that time, the first in the log), and whether their rows name more
 * than one value. An empty value is a value of its own (the unknown segment). At most {@value
 * Segments#MAX_SEGMENTS} distinct values: the read stops at the first row bringing one more.
 */
final class SegmentColumn implements TransactionReader.ColumnSink {
  private static final class Entry {
    long firstSecond;
    int value;
    boolean disagree;

    Entry(long firstSecond, int value) {
      this.firstSecond = firstSecond;
      this.value = value;
    }
  }

  private final ColumnSpec spec;
  private String source = "the log";
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> values = new ArrayList<>();
  private final Map<String, Entry> customers = new HashMap<>();
  private String name;

  /**
   * @param spec the column, by header name or position
   */
  SegmentColumn(ColumnSpec spec) {
    this.spec = spec;
  }

  /** Names the log in messages. */
  void source(String logName) {
    this.source = logName;
  }

  ColumnSpec spec() {
    return spec;
  }

  /** The column's header name, or "column N" without a header. */
  String name() {
    return name != null ? name : spec.byName() ? spec.name() : "column " + (spec.index() + 1);
  }

  String source() {
    return source;
  }

  @Override
  public void header(String headerName) {
    this.name = headerName;
  }

  @Override
  public void accept(long line, String customerId, long epochSecond, String value) {
    String v = value.strip();
    int k = -1;
    if (!v.isEmpty()) {
      Integer known = index.get(v);
      if (known == null) {
        if (values.size() == Segments.MAX_SEGMENTS) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s: line %d: segment column \"%s\" has more than %d distinct values, the limit"
                      + " of %d segments per column: group them (e.g. by region rather than"
                      + " city) first",
                  source,
                  line,
                  name(),
                  Segments.MAX_SEGMENTS,
                  Segments.MAX_SEGMENTS));
        }
        known = values.size();
        index.put(v, known);
        values.add(v);
      }
      k = known;
    }
    Entry e = customers.get(customerId);
    if (e == null) {
      customers.put(customerId, new Entry(epochSecond, k));
      return;
    }
    if (e.value != k) {
      e.disagree = true;
      if (epochSecond < e.firstSecond) {
        e.value = k;
      }
    }
    e.firstSecond = Math.min(e.firstSecond, epochSecond);
  }

  /** The customer's segment (of their first purchase), or null for none or an empty value. */
  String segment(String customerId) {
    Entry e = customers.get(customerId);
    return e == null || e.value < 0 ? null : values.get(e.value);
  }

  /** Customers of {@code s} whose rows name more than one segment. */
  long disagreeing(CustomerSummaries s) {
    long n = 0;
    for (int i = 0; i < s.size(); i++) {
      Entry e = customers.get(s.customerId(i));
      if (e != null && e.disagree) {
        n++;
      }
    }
    return n;
  }
}
