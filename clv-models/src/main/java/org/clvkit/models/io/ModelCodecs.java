package org.clvkit.models.io;

import java.util.List;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.models.sbg.SbgParameters;

/** The model types {@link ModelFiles} saves and loads, one codec each. */
final class ModelCodecs {
  private ModelCodecs() {}

  /** Every supported type, in the order the messages list them. */
  static final List<ModelCodec<?>> ALL =
      List.of(
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
                      : SbgModel.fitted(SbgParameters.of(p), report)));

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
