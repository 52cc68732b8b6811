package org.clvkit.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.bayes.ParetoNbdHbModel;
import org.clvkit.models.bdw.BdwModel;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.ggomnbd.GgompertzNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.nbd.NbdModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.sbg.SbgModel;

/**
 * The registry of clvkit's model types, by id ({@code bgnbd}, {@code mbgnbd}, {@code pnbd}, {@code
 * bgbb}, {@code sbg}, {@code gg}) and by display name. Command lines, engine jobs and {@link
 * org.clvkit.models.io.ModelFiles} choose models here instead of switching over names: a new model
 * joins by declaring its {@code TYPE} constant and adding it to {@link #all()}'s list, and every
 * program that lists, fits, saves or loads models knows it.
 */
public final class ModelTypes {
  private static final List<ModelType<?>> ALL =
      List.of(
          BgNbdModel.TYPE,
          MbgNbdModel.TYPE,
          ParetoNbdModel.TYPE,
          BgBbModel.TYPE,
          SbgModel.TYPE,
          GammaGammaModel.TYPE,
          NbdModel.TYPE,
          GgompertzNbdModel.TYPE,
          BdwModel.TYPE,
          org.clvkit.models.cnbd.MbgCnbdModel.TYPE,
          org.clvkit.models.cnbd.BgCnbdModel.TYPE,
          ParetoNbdHbModel.TYPE,
          org.clvkit.models.bayes.ParetoGggModel.TYPE);

  private ModelTypes() {}

  /** Every model type, in a fixed order (the order of messages and listings). */
  public static List<ModelType<?>> all() {
    return ALL;
  }

  /**
   * The types whose models are {@code kind}s, e.g. {@code PurchaseModel.class} for the purchase
   * models.
   *
   * @param kind a model interface or class
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> List<ModelType<? extends T>> all(Class<T> kind) {
    Checks.notNull("kind", kind);
    List<ModelType<? extends T>> out = new ArrayList<>();
    for (ModelType<?> type : ALL) {
      if (kind.isAssignableFrom(type.modelClass())) {
        out.add((ModelType<? extends T>) type);
      }
    }
    return List.copyOf(out);
  }

  /** The type with this id or display name, if there is one. */
  public static Optional<ModelType<?>> find(String idOrName) {
    Checks.notNull("model", idOrName);
    for (ModelType<?> type : ALL) {
      if (type.id().equals(idOrName) || type.name().equals(idOrName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The type with this id or display name.
   *
   * @throws org.clvkit.core.ClvArgumentException naming the known ids when there is none
   */
  public static ModelType<?> get(String idOrName) {
    return find(idOrName)
        .orElseThrow(() -> Checks.fail("model must be one of %s, was %s", ids(ALL), idOrName));
  }

  /**
   * The type with this id or display name whose models are {@code kind}s.
   *
   * @throws org.clvkit.core.ClvArgumentException naming the ids of that kind when there is none
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> ModelType<? extends T> get(String idOrName, Class<T> kind) {
    List<ModelType<? extends T>> candidates = all(kind);
    for (ModelType<? extends T> type : candidates) {
      if (type.id().equals(idOrName) || type.name().equals(idOrName)) {
        return type;
      }
    }
    throw Checks.fail("model must be one of %s, was %s", ids(candidates), idOrName);
  }

  /** The ids of the types, comma-separated, for messages and help texts. */
  public static String ids(List<? extends ModelType<?>> types) {
    StringBuilder out = new StringBuilder();
    for (ModelType<?> type : types) {
      out.append(out.length() == 0 ? "" : ", ").append(type.id());
    }
    return out.toString();
  }
}
