///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.clvkit:clv-models:0.1.0

// Try clvkit without a project: `jbang TryClvkit.java 2 30.43 38.86 22.35`, or with a JDK alone and the
// two jars and commons-math3 on the class path: `java -cp ... TryClvkit.java`. Scores one customer
// with the BG/NBD and Gamma-Gamma estimates for CDNOW (Fader, Hardie & Lee 2005; weeks).
// Not part of the build: .ci/consumer-check.sh runs it against the staged release.

import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;

public class TryClvkit {
  public static void main(String[] args) {
    if (args.length != 0 && args.length != 4) {
      System.err.println("usage: TryClvkit [repeat-purchases last-purchase-week age-weeks mean-spend]");
      System.exit(2);
    }
    // Defaults: the customer of the README (2 repeat purchases, the last at week 30.43 of 38.86).
    int x = args.length == 0 ? 2 : Integer.parseInt(args[0]);
    double tx = args.length == 0 ? 30.43 : Double.parseDouble(args[1]);
    double age = args.length == 0 ? 38.86 : Double.parseDouble(args[2]);
    double spend = args.length == 0 ? 22.35 : Double.parseDouble(args[3]);

    BgNbdModel purchases = BgNbdModel.of(new BgNbdParameters(0.2426, 4.4136, 0.7929, 2.4259));
    GammaGammaModel gammaGamma = GammaGammaModel.of(new GammaGammaParameters(6.2493, 3.7443, 15.4443));
    CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, gammaGamma, 0.30);
    System.out.printf("P(alive)                          %.3f%n", purchases.probabilityAlive(x, tx, age));
    System.out.printf("expected purchases, next 52 weeks %.3f%n",
        purchases.conditionalExpectedPurchases(52, x, tx, age));
    System.out.printf("CLV, 52 weeks, 30%% margin, 0.2%%/week discount %.2f%n",
        clv.conditionalValue(52, 0.002, x, tx, age, spend));
  }
}
