package org.clvkit.examples.spark.ml;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.StructType;

/**
 * The ML parameters of the Gamma-Gamma stages, shared by {@link GammaGammaSpend} and {@link
 * GammaGammaSpendModel}: input columns {@code frequencyCol} ("frequency") and {@code
 * monetaryValueCol} ("monetary_value": mean repeat spend m̄), output {@code expectedSpendCol}
 * ("expected_spend"), {@code margin} (1.0, in [0, 1]), {@code discountedPurchasesCol}
 * ("discounted_purchases": when the input has it, from a purchase stage, CLV is appended as {@code
 * clvCol}, "clv") and {@code timeUnit} ("week", recorded in the model file).
 */
final class SpendParams implements Serializable {
  private static final long serialVersionUID = 1L;

  final Param<String> frequencyCol;
  final Param<String> monetaryValueCol;
  final Param<String> expectedSpendCol;
  final DoubleParam margin;
  final Param<String> discountedPurchasesCol;
  final Param<String> clvCol;
  final Param<String> timeUnit;

  SpendParams(String uid) {
    frequencyCol = new Param<>(uid, "frequencyCol", "column of repeat purchases x");
    monetaryValueCol =
        new Param<>(uid, "monetaryValueCol", "column of the mean repeat purchase value");
    expectedSpendCol = new Param<>(uid, "expectedSpendCol", "output column of expected spend");
    margin =
        new DoubleParam(
            uid,
            "margin",
            "share of spend kept as profit, in [0, 1]",
            ParamValidators.inRange(0, 1));
    discountedPurchasesCol =
        new Param<>(
            uid,
            "discountedPurchasesCol",
            "input column of discounted expected purchases; CLV is appended when present");
    clvCol = new Param<>(uid, "clvCol", "output column of CLV");
    timeUnit = new Param<>(uid, "timeUnit", "name of the period, recorded in the model file");
  }

  void setDefaults(Params stage) {
    stage.setDefault(frequencyCol, "frequency");
    stage.setDefault(monetaryValueCol, "monetary_value");
    stage.setDefault(expectedSpendCol, "expected_spend");
    stage.setDefault(margin, 1.0);
    stage.setDefault(discountedPurchasesCol, "discounted_purchases");
    stage.setDefault(clvCol, "clv");
    stage.setDefault(timeUnit, "week");
  }

  /** Whether the input has the discounted purchases, hence gets a CLV column. */
  boolean withValue(StructType schema, Params stage) {
    return Arrays.asList(schema.fieldNames()).contains(stage.getOrDefault(discountedPurchasesCol));
  }

  StructType outputSchema(StructType schema, Params stage) {
    Columns.requireNumeric(schema, "frequencyCol", stage.getOrDefault(frequencyCol));
    Columns.requireNumeric(schema, "monetaryValueCol", stage.getOrDefault(monetaryValueCol));
    StructType out =
        Columns.appendDouble(schema, "expectedSpendCol", stage.getOrDefault(expectedSpendCol));
    if (withValue(schema, stage)) {
      Columns.requireNumeric(
          schema, "discountedPurchasesCol", stage.getOrDefault(discountedPurchasesCol));
      out = Columns.appendDouble(out, "clvCol", stage.getOrDefault(clvCol));
    }
    return out;
  }
}
