package org.clvkit.examples.spark.ml;

import java.util.Arrays;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.clvkit.core.ClvArgumentException;

/** Schema checks shared by the stages. */
final class Columns {
  private Columns() {}

  /**
   * Checks that {@code column} exists in {@code schema} with a numeric type.
   *
   * @throws ClvArgumentException naming the parameter, the column and what the schema holds
   */
  static void requireNumeric(StructType schema, String param, String column) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new ClvArgumentException(
          String.format(
              "%s must name a column of the input, was \"%s\" (columns: %s)",
              param, column, String.join(", ", schema.fieldNames())));
    }
    StructField field = schema.apply(column);
    if (!(field.dataType() instanceof NumericType)) {
      throw new ClvArgumentException(
          String.format(
              "%s column \"%s\" must be numeric, was %s",
              param, column, field.dataType().simpleString()));
    }
  }

  /**
   * The schema with a non-null double column {@code column} appended.
   *
   * @throws ClvArgumentException when the column exists already
   */
  static StructType appendDouble(StructType schema, String param, String column) {
    if (Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new ClvArgumentException(
          String.format("%s must name a column not in the input, was \"%s\"", param, column));
    }
    return schema.add(column, DataTypes.DoubleType, true);
  }
}
