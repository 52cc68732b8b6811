package org.clvkit.examples.spark.ml;

import java.io.Serializable;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * The ML parameters of a purchase-model stage, shared by the estimator and its model so that {@code
 * copyValues} carries them from one to the other. Names and defaults:
 *
 * <ul>
 *   <li>input columns {@code frequencyCol} ("frequency": repeat purchases x), {@code recencyCol}
 *       ("recency": t_x) and {@code ageCol} ("age": T), in periods of {@code timeUnit};
 *   <li>{@code horizon} (52.0): periods ahead for expected purchases, &gt; 0;
 *   <li>{@code periods} (52) and {@code discountRate} (0.0, per period, &gt; -1): the discounted
 *       expected purchases over whole periods that CLV multiplies by the expected spend;
 *   <li>output columns {@code pAliveCol} ("p_alive"), {@code expectedPurchasesCol}
 *       ("expected_purchases") and {@code discountedPurchasesCol} ("discounted_purchases");
 *   <li>{@code timeUnit} ("week"): the period's name, recorded in the saved model file.
 * </ul>
 */
final class PurchaseParams implements Serializable {
  private static final long serialVersionUID = 1L;

  final Param<String> frequencyCol;
  final Param<String> recencyCol;
  final Param<String> ageCol;
  final DoubleParam horizon;
  final IntParam periods;
  final DoubleParam discountRate;
  final Param<String> pAliveCol;
  final Param<String> expectedPurchasesCol;
  final Param<String> discountedPurchasesCol;
  final Param<String> timeUnit;

  PurchaseParams(String uid) {
    frequencyCol = new Param<>(uid, "frequencyCol", "column of repeat purchases x");
    recencyCol = new Param<>(uid, "recencyCol", "column of the time of the last purchase t_x");
    ageCol = new Param<>(uid, "ageCol", "column of the time since the first purchase T");
    horizon =
        new DoubleParam(
            uid, "horizon", "periods ahead for expected purchases (> 0)", ParamValidators.gt(0));
    periods =
        new IntParam(
            uid,
            "periods",
            "whole periods of discounted expected purchases for CLV (>= 0)",
            ParamValidators.gtEq(0));
    discountRate =
        new DoubleParam(
            uid, "discountRate", "discount rate per period (> -1)", ParamValidators.gt(-1));
    pAliveCol = new Param<>(uid, "pAliveCol", "output column of P(alive)");
    expectedPurchasesCol =
        new Param<>(uid, "expectedPurchasesCol", "output column of expected purchases");
    discountedPurchasesCol =
        new Param<>(
            uid, "discountedPurchasesCol", "output column of discounted expected purchases");
    timeUnit = new Param<>(uid, "timeUnit", "name of the period, recorded in the model file");
  }
}
