package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.nbd.NbdModel;
import org.clvkit.models.nbd.NbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, part 4: a discount rate near −1 compounds to an infinite discount factor, for which
 * every model's discounted expected purchases returned Infinity; the rate is now rejected naming
 * the rate and the horizon, by the one check every model shares.
 */
class DiscountRateEdgesTest {
  private static final String MESSAGE =
      "discountRate = -0.999 over 120 periods gives a discount factor (1 + discountRate)^-120"
          + " beyond the finite range";

  private static List<PurchaseModel> models() {
    return List.of(
        BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426)),
        MbgNbdModel.of(new MbgNbdParameters(0.525, 6.183, 0.891, 1.614)),
        ParetoNbdModel.of(new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67)),
        NbdModel.of(new NbdParameters(0.385, 12.07)),
        BgBbModel.of(new BgBbParameters(1.204, 0.750, 0.657, 2.783)));
  }

  @Test
  void discountedExpectedPurchases_rateCompoundingBeyondFiniteRange_rejected() {
    for (PurchaseModel model : models()) {
      assertRejects(MESSAGE, () -> model.discountedExpectedPurchases(120, -0.999, 2, 4, 6));
      double[] out = {-1};
      assertRejects(
          MESSAGE,
          () ->
              model.discountedExpectedPurchases(
                  120, -0.999, new double[] {2}, new double[] {4}, new double[] {6}, out, 0, 1));
      assertTrue(out[0] == -1, model.name());
      assertRejects(
          "discountRate must be finite and > -1.0, was -1.0",
          () -> model.discountedExpectedPurchases(12, -1, 2, 4, 6));
      // A negative rate whose factor stays finite is still a number.
      assertTrue(
          Double.isFinite(model.discountedExpectedPurchases(12, -0.5, 2, 4, 6)), model.name());
    }
  }
}
