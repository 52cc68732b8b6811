package org.clvkit.models.internal;

/**
 * A covariate row, {@code values[offset, offset + length)}, as a hash key: rows are equal when
 * their values are equal bit for bit, with −0 taken as 0. The key keeps a reference to the array,
 * which must not change while the key is in use. Used to group customers by covariate row.
 */
public final class CovariateRowKey {
  private final double[] values;
  private final int offset;
  private final int length;
  private final int hash;

  /** The row of {@code length} values of {@code values} from {@code offset}. */
  public CovariateRowKey(double[] values, int offset, int length) {
    this.values = values;
    this.offset = offset;
    this.length = length;
    int h = 1;
    for (int j = 0; j < length; j++) {
      long bits = Double.doubleToLongBits(values[offset + j] + 0.0);
      h = 31 * h + (int) (bits ^ (bits >>> 32));
    }
    this.hash = h;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CovariateRowKey)) {
      return false;
    }
    CovariateRowKey o = (CovariateRowKey) other;
    if (o.length != length) {
      return false;
    }
    for (int j = 0; j < length; j++) {
      if (Double.doubleToLongBits(values[offset + j] + 0.0)
          != Double.doubleToLongBits(o.values[o.offset + j] + 0.0)) {
        return false;
      }
    }
    return true;
  }
}
