package org.clvkit.examples.cli;

import java.util.List;
import java.util.Locale;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;

/**
 * The models {@code clv fit} and {@code clv report} accept, by their ids in the library's registry
 * ({@link ModelTypes}): a model the library registers is a model the command line fits, saves and
 * loads, with no list of its own here.
 */
final class ModelChoice {
  private ModelChoice() {}

  /**
   * The registered type with this id whose models are {@code kind}s.
   *
   * @param option the option's name for the message
   * @param text the id given
   * @param kind the kind of model the command needs
   * @param why what the message adds when the id names a model of another kind, or empty
   * @throws CliException a usage error naming the accepted ids
   */
  static <T extends Model> ModelType<? extends T> parse(
      String option, String text, Class<T> kind, String why) {
    String id = text.strip().toLowerCase(Locale.ROOT);
    List<ModelType<? extends T>> types = ModelTypes.all(kind);
    for (ModelType<? extends T> type : types) {
      if (type.id().equals(id)) {
        return type;
      }
    }
    throw CliException.usage(
        option
            + " must be one of "
            + ModelTypes.ids(types)
            + ", was \""
            + text
            + "\""
            + (why.isEmpty() || ModelTypes.find(id).isEmpty() ? "" : " (" + why + ")"));
  }
}
