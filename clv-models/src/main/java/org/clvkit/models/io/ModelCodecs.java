package org.clvkit.models.io;

import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.models.sbg.SbgParameters;

/**
 * The model types {@link ModelFiles} saves and loads, one codec each. The type names are the
 * models' {@code name()}s and, like the parameter names, part of the file format: they never change
 * within a format version.
 */
final class ModelCodecs {
  private ModelCodecs() {}

  /** Every supported type, in the order the messages list them. */
  static final List<ModelCodec<?>> ALL =
      List.of(
          new ModelCodec<>(
              "BG/NBD",
              BgNbdModel.class,
              List.of("r", "alpha", "a", "b"),
              BgNbdModel::parameterValues,
              BgNbdModel::fitReport,
              (p, report, extras) ->
                  report == null
                      ? BgNbdModel.of(BgNbdParameters.of(p))
                      : BgNbdModel.fitted(BgNbdParameters.of(p), report)),
          new ModelCodec<>(
              "MBG/NBD",
              MbgNbdModel.class,
              List.of("r", "alpha", "a", "b"),
              MbgNbdModel::parameterValues,
              MbgNbdModel::fitReport,
              (p, report, extras) ->
                  report == null
                      ? MbgNbdModel.of(MbgNbdParameters.of(p))
                      : MbgNbdModel.fitted(MbgNbdParameters.of(p), report)),
          new ModelCodec<>(
              "Pareto/NBD",
              ParetoNbdModel.class,
              List.of("r", "alpha", "s", "beta"),
              ParetoNbdModel::parameterValues,
              ParetoNbdModel::fitReport,
              (p, report, extras) ->
                  report == null
                      ? ParetoNbdModel.of(ParetoNbdParameters.of(p))
                      : ParetoNbdModel.fitted(ParetoNbdParameters.of(p), report)),
          new ModelCodec<>(
              BgBbModel.NAME,
              BgBbModel.class,
              List.of("alpha", "beta", "gamma", "delta"),
              BgBbModel::parameterValues,
              BgBbModel::fitReport,
              (p, report, extras) ->
                  report == null
                      ? BgBbModel.of(BgBbParameters.of(p))
                      : BgBbModel.fitted(BgBbParameters.of(p), report)),
          new ModelCodec<>(
              SbgModel.NAME,
              SbgModel.class,
              List.of("alpha", "beta"),
              SbgModel::parameterValues,
              SbgModel::fitReport,
              (p, report, extras) ->
                  report == null
                      ? SbgModel.of(SbgParameters.of(p))
                      : SbgModel.fitted(SbgParameters.of(p), report)),
          new ModelCodec<>(
              GammaGammaModel.NAME,
              GammaGammaModel.class,
              List.of("p", "q", "gamma"),
              m -> new double[] {m.parameters().p(), m.parameters().q(), m.parameters().gamma()},
              GammaGammaModel::fitReport,
              List.of("customersLeftOut"),
              m -> new double[] {m.customersLeftOut()},
              (p, report, extras) -> {
                GammaGammaParameters parameters = new GammaGammaParameters(p[0], p[1], p[2]);
                if (report == null && extras[0] != 0) {
                  throw Checks.fail(
                      "customersLeftOut = %s must be 0 for a model without a fit", extras[0]);
                }
                return report == null
                    ? GammaGammaModel.of(parameters)
                    : GammaGammaModel.fitted(parameters, report, extras[0]);
              }));

  /** The codec of a model object, or null when its class is not supported. */
  static ModelCodec<?> forModel(Object model) {
    for (ModelCodec<?> codec : ALL) {
      if (codec.modelClass == model.getClass()) {
        return codec;
      }
    }
    return null;
  }

  /** The codec of a type name in a file, or null when unknown. */
  static ModelCodec<?> forType(String type) {
    for (ModelCodec<?> codec : ALL) {
      if (codec.type.equals(type)) {
        return codec;
      }
    }
    return null;
  }

  /** The supported type names, comma-separated, for messages. */
  static String typeNames() {
    StringBuilder out = new StringBuilder();
    for (ModelCodec<?> codec : ALL) {
      out.append(out.length() == 0 ? "" : ", ").append(codec.type);
    }
    return out.toString();
  }
}
