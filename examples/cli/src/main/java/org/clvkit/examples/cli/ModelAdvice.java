package org.clvkit.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.FitStatus;
import org.clvkit.models.diagnostics.ModelComparison;
import org.clvkit.models.nbd.NbdModel;

/**
 * The plain-language reading of the report's model comparison, in the report's language: which
 * model to use and why, how strong the evidence is, where the criteria disagree, what the NBD
 * baseline (no drop-out) says about the data, and why a model could not be fitted.
 *
 * <p>BIC differences are read on Kass and Raftery's (1995, "Bayes factors", JASA 90, p. 777) scale:
 * under 2 not worth more than a mention, 2 to 6 positive, 6 to 10 strong, over 10 very strong
 * evidence. Holdout errors closer than {@link #CLOSE} (relative) are called a tie.
 */
final class ModelAdvice {
  /** Relative difference of holdout MAE under which two models are called equally accurate. */
  static final double CLOSE = 0.01;

  private ModelAdvice() {}

  /** The evidence key of a BIC difference on Kass and Raftery's scale. */
  static String evidence(double deltaBic) {
    if (deltaBic < 2) {
      return "models.evidence.weak";
    }
    if (deltaBic < 6) {
      return "models.evidence.positive";
    }
    if (deltaBic < 10) {
      return "models.evidence.strong";
    }
    return "models.evidence.veryStrong";
  }

  /** The index of the lowest BIC (ties to the earlier model). */
  static int bestBic(List<ModelComparison.Row> rows) {
    int best = 0;
    for (int k = 1; k < rows.size(); k++) {
      if (rows.get(k).bic() < rows.get(best).bic()) {
        best = k;
      }
    }
    return best;
  }

  /** The index of the lowest value of {@code score} other than {@code except}. */
  private static int runnerUp(List<ModelComparison.Row> rows, int except, boolean byMae) {
    int best = -1;
    for (int k = 0; k < rows.size(); k++) {
      if (k == except) {
        continue;
      }
      if (best < 0 || value(rows.get(k), byMae) < value(rows.get(best), byMae)) {
        best = k;
      }
    }
    return best;
  }

  private static double value(ModelComparison.Row r, boolean byMae) {
    return byMae ? r.holdoutMae().getAsDouble() : r.bic();
  }

  /**
   * The recommendation, first, then the reasons, one paragraph each.
   *
   * @param choice the fitted, compared models
   * @param msg the report's language
   */
  static List<String> paragraphs(ReportModels choice, Messages msg) {
    ModelComparison cmp = choice.comparison();
    List<ModelComparison.Row> rows = cmp.rows();
    List<String> out = new ArrayList<>();
    String recommended = rows.get(cmp.chosen()).model();
    out.add(
        msg.format(
            cmp.rule() == ModelComparison.Rule.HOLDOUT_MAE
                ? "models.recommendHoldout"
                : "models.recommendBic",
            recommended));
    if (rows.size() == 1) {
      out.add(msg.format("models.adviceOnly", recommended));
    } else {
      int bic = bestBic(rows);
      int bicSecond = runnerUp(rows, bic, false);
      double delta = rows.get(bicSecond).bic() - rows.get(bic).bic();
      out.add(
          msg.format(
              "models.adviceBic",
              rows.get(bic).model(),
              rows.get(bicSecond).model(),
              msg.number(delta, 1),
              msg.get(evidence(delta))));
      if (cmp.rule() == ModelComparison.Rule.HOLDOUT_MAE) {
        int mae = cmp.chosen();
        int maeSecond = runnerUp(rows, mae, true);
        double best = rows.get(mae).holdoutMae().getAsDouble();
        double next = rows.get(maeSecond).holdoutMae().getAsDouble();
        double lower = next > 0 ? (next - best) / next : 0;
        out.add(
            msg.format(
                "models.adviceHoldout",
                rows.get(mae).model(),
                msg.number(best, 4),
                msg.percent(lower, 1),
                rows.get(maeSecond).model(),
                msg.number(next, 4)));
        if (lower < CLOSE) {
          out.add(
              msg.format("models.adviceClose", rows.get(mae).model(), rows.get(maeSecond).model()));
        }
        out.add(
            mae == bic
                ? msg.format("models.adviceAgree", rows.get(mae).model())
                : msg.format(
                    "models.adviceDisagree",
                    rows.get(bic).model(),
                    rows.get(mae).model(),
                    rows.get(mae).model()));
      }
      int nbd = choice.kinds().indexOf(NbdModel.TYPE);
      if (nbd >= 0) {
        double behind = rows.get(nbd).bic() - rows.get(bic).bic();
        out.add(
            nbd == bic
                ? msg.format("models.baselineBest", rows.get(nbd).model())
                : msg.format(
                    "models.baselineBehind", rows.get(nbd).model(), msg.number(behind, 1)));
      }
    }
    for (ReportModels.Skipped s : choice.skipped()) {
      out.add(notFitted(s, msg));
    }
    return out;
  }

  /** Why a model is not in the comparison, in the report's language. */
  static String notFitted(ReportModels.Skipped s, Messages msg) {
    String name = s.kind().name();
    if (s.status() == null) {
      return msg.format("models.notFitted.data", name, s.message());
    }
    if (s.status() == FitStatus.NO_INTERIOR_MAXIMUM && !s.parameter().isEmpty()) {
      return msg.format("models.notFitted.boundary", name, s.parameter(), s.kind().id());
    }
    if (s.status() == FitStatus.SINGULAR_INFORMATION) {
      return msg.format("models.notFitted.singular", name, s.kind().id());
    }
    return msg.format("models.notFitted.other", name);
  }
}
