package org.clvkit.examples.cli;

import java.util.Locale;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgbb.BgBbFitter;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.mbgnbd.MbgNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdFitter;

/**
 * The models {@code clv fit} and {@code clv report} fit, by their command-line names: the purchase
 * models BG/NBD, MBG/NBD, Pareto/NBD and BG/BB (discrete time: periods are purchase opportunities,
 * times whole numbers), and the Gamma-Gamma spend model. Fitting is the library's; this only picks
 * the fitter.
 */
enum ModelKind {
  BGNBD("bgnbd", "BG/NBD"),
  MBGNBD("mbgnbd", "MBG/NBD"),
  PNBD("pnbd", "Pareto/NBD"),
  BGBB("bgbb", "BG/BB"),
  GG("gg", "Gamma-Gamma");

  /** The names accepted by {@code --model}, for help and messages. */
  static final String NAMES = "bgnbd, mbgnbd, pnbd, bgbb, gg";

  private final String key;
  private final String title;

  ModelKind(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The command-line name, also the model file's base name. */
  String key() {
    return key;
  }

  /** The literature's name. */
  String title() {
    return title;
  }

  boolean isPurchaseModel() {
    return this != GG;
  }

  static ModelKind parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (ModelKind k : values()) {
      if (k.key.equals(t)) {
        return k;
      }
    }
    throw CliException.usage("--model must be one of " + NAMES + ", was \"" + text + "\"");
  }

  /** Fits this purchase model. */
  PurchaseModel fitPurchases(CustomerHistories data, FitSettings settings) {
    switch (this) {
      case BGNBD:
        return BgNbdFitter.create().withSettings(settings).fit(data);
      case MBGNBD:
        return MbgNbdFitter.create().withSettings(settings).fit(data);
      case PNBD:
        return ParetoNbdFitter.create().withSettings(settings).fit(data);
      case BGBB:
        return BgBbFitter.create().withSettings(settings).fit(data);
      default:
        throw new IllegalStateException(title + " is not a purchase model");
    }
  }

  /** Fits the Gamma-Gamma spend model on frequency and mean repeat spend (and weights or null). */
  static GammaGammaModel fitSpend(
      double[] frequency, double[] monetary, double[] weights, FitSettings settings) {
    GammaGammaFitter fitter = GammaGammaFitter.create().withSettings(settings);
    return weights == null
        ? fitter.fit(frequency, monetary)
        : fitter.fit(frequency, monetary, weights);
  }
}
